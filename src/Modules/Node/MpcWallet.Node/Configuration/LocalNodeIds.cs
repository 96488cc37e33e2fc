using Microsoft.Extensions.Configuration;

namespace MpcWallet.Node.Configuration;

/// <summary>
/// The nodes this process runs: <c>Node:Ids</c> (<c>--node-id</c>), else every <c>Cluster:Nodes</c> entry (single host).
/// Read when the module is added, because the round queues and where NodeControl is served depend on them.
/// </summary>
internal static class LocalNodeIds
{
    public static IReadOnlyList<string> From(IConfiguration configuration)
    {
        var ids = configuration.GetSection(NodeOptions.Section + ":Ids").GetChildren().Select(c => c.Value ?? "").ToArray();
        return ids.Length > 0
            ? ids
            : configuration.GetSection("Cluster:Nodes").GetChildren().Select(c => c["Id"] ?? "").ToArray();
    }
}
