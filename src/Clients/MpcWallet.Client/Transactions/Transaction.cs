using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpcWallet.Client.Transactions;

/// <summary>A transaction the service signs, submits and tracks (api.md "Transaction resource").</summary>
public sealed record Transaction
{
    public const string Queued = "queued";
    public const string Signing = "signing";
    public const string Submitted = "submitted";
    public const string Confirmed = "confirmed";

    /// <summary>A cancel (0-value self-transfer) took the nonce, or it was cancelled before anything was broadcast.</summary>
    public const string Cancelled = "cancelled";

    public const string Failed = "failed";

    public required string Id { get; init; }

    public required string WalletId { get; init; }

    public ulong ChainId { get; init; }

    public string From { get; init; } = "";

    /// <summary>The BIP32 path of the sending key when <see cref="From"/> is a derived address; null for the wallet's root address.</summary>
    public string? DerivationPath { get; init; }

    public string? To { get; init; }

    public BigInteger Value { get; init; }

    /// <summary>0x-hex call data.</summary>
    public string Data { get; init; } = "0x";

    public ulong? Nonce { get; init; }

    /// <summary>queued, signing, submitted, confirmed, cancelled or failed.</summary>
    public required string Status { get; init; }

    /// <summary>The hash of the attempt that was mined, else of the latest attempt; null before the first is signed.</summary>
    public string? Hash { get; init; }

    public ulong? BlockNumber { get; init; }

    public int Confirmations { get; init; }

    public BigInteger? GasLimit { get; init; }

    public BigInteger? MaxFeePerGas { get; init; }

    public BigInteger? MaxPriorityFeePerGas { get; init; }

    public IReadOnlyList<TransactionAttempt> Attempts { get; init; } = [];

    /// <summary>What the transaction is: transfer, erc20Transfer, contractCall (or nonce-filler).</summary>
    public string? Kind { get; init; }

    /// <summary>An ERC-20 transfer's token, symbol, decimals, recipient and amount (null for other kinds).</summary>
    public TokenTransfer? Token { get; init; }

    /// <summary>A contract call's function and arguments (null for other kinds).</summary>
    public ContractCall? Call { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? Error { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; init; }

    /// <summary>Confirmed, cancelled or failed: nothing further happens to it (short of a reorg).</summary>
    [JsonIgnore]
    public bool IsFinal => Status is Confirmed or Cancelled or Failed;
}
