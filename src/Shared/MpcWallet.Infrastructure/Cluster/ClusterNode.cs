namespace MpcWallet.Infrastructure.Cluster;

/// <summary>One configured node: its id and its NodeControl endpoint (h2c on loopback, or https).</summary>
public sealed class ClusterNode
{
    public string Id { get; set; } = "";

    public string GrpcEndpoint { get; set; } = "";

    /// <summary>True when the configured port is 0: the node announces its real endpoint in heartbeats.</summary>
    public bool HasDynamicPort => Uri.TryCreate(GrpcEndpoint, UriKind.Absolute, out var uri) && uri.Port == 0;
}
