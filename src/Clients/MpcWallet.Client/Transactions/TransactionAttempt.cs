using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpcWallet.Client.Transactions;

/// <summary>One signed attempt of a transaction (fee bumps add attempts with the same nonce).</summary>
public sealed record TransactionAttempt
{
    public required string Hash { get; init; }

    public BigInteger MaxFeePerGas { get; init; }

    public BigInteger MaxPriorityFeePerGas { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public string? Status { get; init; }

    public string? Error { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
