using System.Collections.Concurrent;

namespace MpcWallet.Node.Runtime;

/// <summary>The nodes this process runs, by id.</summary>
internal sealed class LocalNodes
{
    private readonly ConcurrentDictionary<string, NodeRuntime> _nodes = new();

    public IReadOnlyCollection<NodeRuntime> All => _nodes.Values.OrderBy(n => n.Id, StringComparer.Ordinal).ToArray();

    public NodeRuntime? Find(string id) => _nodes.TryGetValue(id, out var node) ? node : null;

    public void Add(NodeRuntime node)
    {
        if (!_nodes.TryAdd(node.Id, node))
        {
            throw new InvalidOperationException($"node {node.Id} is configured twice");
        }
    }
}
