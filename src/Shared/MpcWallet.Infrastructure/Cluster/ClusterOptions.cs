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
    /// The former shared NodeControl secret. No longer a credential (commands are signed by the coordinator instance
    /// and checked against the cluster manifest): a configured value is ignored, with a warning at start.
    /// </summary>
    public const string RetiredControlTokenKey = Section + ":ControlToken";

    public override string ToString() => $"{Nodes.Count} nodes";
}
