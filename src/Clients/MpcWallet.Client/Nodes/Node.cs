using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpcWallet.Client.Nodes;

/// <summary>One MPC node of the cluster and its liveness.</summary>
public sealed record Node
{
    public required string Id { get; init; }

    /// <summary>online or offline.</summary>
    public required string Status { get; init; }

    public DateTimeOffset? LastHeartbeatAt { get; init; }

    public string? Endpoint { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
