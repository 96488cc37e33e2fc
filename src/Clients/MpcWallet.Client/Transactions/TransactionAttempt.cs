using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpcWallet.Client.Transactions;

/// <summary>One attempt at the transaction's nonce (fee bumps, speed-ups and cancels add attempts with the same nonce).</summary>
public sealed record TransactionAttempt
{
    public const string Original = "original";
    public const string Bump = "bump";
    public const string SpeedUp = "speedup";
    public const string Cancel = "cancel";

    /// <summary>Null while the attempt is being signed.</summary>
    public string? Hash { get; init; }

    public int Number { get; init; }

    /// <summary>original, bump (automatic), speedup or cancel.</summary>
    public string? Kind { get; init; }

    /// <summary>This attempt is the 0-value self-transfer that takes the nonce in place of the transaction.</summary>
    public bool Cancels { get; init; }

    /// <summary>This attempt is the one in the transaction's block.</summary>
    public bool Mined { get; init; }

    public BigInteger MaxFeePerGas { get; init; }

    public BigInteger MaxPriorityFeePerGas { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public string? Status { get; init; }

    public string? Error { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
