using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpcWallet.Transactions.Persistence;

/// <summary>
/// A transaction's kind-specific view, stored as JSON in <see cref="TransactionRecord.Details"/>: the token transfer
/// (metadata read from the chain at intake) or the contract call (its function and arguments as encoded), and the
/// custom errors of the ABI it was given, so a revert mined later still decodes by name.
/// </summary>
internal sealed record KindDetails
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public TokenTransferDetails? Token { get; init; }

    public ContractCallDetails? Call { get; init; }

    /// <summary>The error items of the ABI the call was encoded from (JSON ABI items), for decoding reverts.</summary>
    public IReadOnlyList<JsonElement>? Errors { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static KindDetails? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<KindDetails>(json, Json);
}
