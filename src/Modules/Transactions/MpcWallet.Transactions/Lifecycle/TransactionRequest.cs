using System.Security.Cryptography;
using System.Text;
using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// A validated <c>POST /v1/wallets/{id}/transactions</c> body, whatever its kind, as the transaction it becomes:
/// <see cref="To"/>, <see cref="Value"/> and <see cref="Data"/> are what the wallet signs (for an ERC-20 transfer the
/// token contract, 0 and the encoded <c>transfer</c>; for a contract call the encoded function call).
/// </summary>
internal sealed record TransactionRequest(
    ulong ChainId,
    EthereumAddress To,
    UInt256 Value,
    byte[] Data,
    ulong? GasLimit,
    UInt256? MaxFeePerGas,
    UInt256? MaxPriorityFeePerGas)
{
    /// <summary><see cref="TransactionKinds"/>.</summary>
    public string Kind { get; init; } = TransactionKinds.Transfer;

    /// <summary>The caller accepts a maxFeePerGas below the current base fee (the transaction waits for the base fee to fall).</summary>
    public bool AllowBelowBaseFee { get; init; }

    /// <summary>
    /// The nonce the caller expects (JSON-RPC <c>eth_sendTransaction</c> with a nonce): refused unless it is the
    /// wallet's next nonce when the nonce is taken. Null: the service assigns it (the REST API never gives one).
    /// </summary>
    public long? Nonce { get; init; }

    /// <summary>The non-hardened BIP32 path of the sending key below the wallet's root (empty: the root address).</summary>
    public IReadOnlyList<uint> DerivationPath { get; init; } = [];

    /// <summary>An ERC-20 transfer's recipient (the transaction itself goes to the token).</summary>
    public EthereumAddress? TokenRecipient { get; init; }

    /// <summary>An ERC-20 transfer's amount in the token's base units.</summary>
    public UInt256 TokenAmount { get; init; }

    /// <summary>A contract call's function and arguments as encoded.</summary>
    public ContractCallDetails? Call { get; init; }

    /// <summary>The custom errors of the ABI a contract call was given (decoding its reverts), with their JSON items (kept for reverts mined later).</summary>
    public IReadOnlyList<AbiError> CustomErrors { get; init; } = [];

    public IReadOnlyList<System.Text.Json.JsonElement> ErrorItems { get; init; } = [];

    /// <summary>SHA-256 of the normalised request, so an Idempotency-Key replay is recognised whatever the formatting.</summary>
    public string Fingerprint()
    {
        // The version-1 text for plain transfers (keys stored before kinds existed still match); what kinds and the
        // base-fee flag add is appended only when present. Other kinds are fingerprinted by what they encode to.
        var text = string.Join('|', ChainId, To.ToLowerHex(), Value, HexBytes.ToHex(Data), GasLimit?.ToString() ?? "", MaxFeePerGas?.ToString() ?? "", MaxPriorityFeePerGas?.ToString() ?? "");
        if (Kind != TransactionKinds.Transfer)
        {
            text += "|kind=" + Kind;
        }

        if (AllowBelowBaseFee)
        {
            text += "|allowBelowBaseFee";
        }

        if (Nonce is { } nonce)
        {
            text += "|nonce=" + nonce;
        }

        if (DerivationPath.Count > 0)
        {
            text += "|path=" + string.Join('/', DerivationPath);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
