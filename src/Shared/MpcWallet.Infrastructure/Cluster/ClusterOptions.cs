namespace MpcWallet.Infrastructure.Cluster;

/// <summary>
/// The <c>Cluster</c> section, read by the coordinator (which nodes exist, where their NodeControl listens) and by
/// nodes (where to listen). Port 0 lets a node pick a free loopback port; it then announces it in its heartbeats.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    public List<ClusterNode> Nodes { get; set; } = [];

    /// <summary>
    /// The secret the coordinator presents on every NodeControl call (<c>authorization: Bearer …</c>) and nodes check.
    /// Required when coordinator and nodes run in different processes; a single-host process makes up its own.
    /// </summary>
    public string? ControlToken { get; set; }

    public override string ToString() => $"{Nodes.Count} nodes";
}
