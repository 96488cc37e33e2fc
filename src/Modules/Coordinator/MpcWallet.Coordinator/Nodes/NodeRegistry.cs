using System.Collections.Concurrent;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Infrastructure.Cluster;

namespace MpcWallet.Coordinator.Nodes;

/// <summary>
/// The configured nodes and their liveness (from heartbeats). A node is online while its last heartbeat is younger
/// than <see cref="CoordinatorOptions.OfflineAfter"/>. A configured endpoint wins over an announced one, except for
/// port 0 (dynamic, dev and tests), where the announced loopback endpoint is used.
/// </summary>
internal sealed class NodeRegistry
{
    private readonly ConcurrentDictionary<string, NodeState> _nodes;
    private readonly CoordinatorOptions _options;
    private readonly TimeProvider _time;
    private long _couldNotHearAtTicks = long.MinValue; // UTC ticks; read and written across threads

    public NodeRegistry(ClusterOptions cluster, CoordinatorOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _nodes = new ConcurrentDictionary<string, NodeState>(cluster.Nodes.ToDictionary(n => n.Id, n => new NodeState(n.Id, n.GrpcEndpoint)));
        Configured = cluster.Nodes.Select(n => n.Id).ToArray();
    }

    /// <summary>Raised (synchronously) when a node is found offline.</summary>
    public event Action<string>? WentOffline;

    public IReadOnlyList<string> Configured { get; }

    public NodeState? Find(string id) => _nodes.TryGetValue(id, out var node) ? node : null;

    public IReadOnlyList<NodeState> All => Configured.Select(id => _nodes[id]).ToArray();

    /// <summary>
    /// Heard within <see cref="CoordinatorOptions.OfflineAfter"/>; or online when the coordinator last could not hear
    /// the broker and not yet given a full <see cref="CoordinatorOptions.OfflineAfter"/> since (a broker outage is
    /// not the nodes' silence).
    /// </summary>
    public bool IsOnline(string id)
    {
        if (!_nodes.TryGetValue(id, out var node))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var deaf = Volatile.Read(ref _couldNotHearAtTicks);
        return node.LastHeartbeatAt is { } last && now - last < _options.OfflineAfter
            || node.Online && deaf != long.MinValue && now.UtcTicks - deaf < _options.OfflineAfter.Ticks;
    }

    /// <summary>The coordinator cannot hear heartbeats now (its broker connection is down): nodes keep their state.</summary>
    public void CouldNotHear() => Volatile.Write(ref _couldNotHearAtTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>Records a heartbeat; true when the node just came (back) online.</summary>
    /// <param name="version">The announced software version: kept when short and printable, else ignored (it is only shown).</param>
    public bool Heartbeat(string id, string endpoint, DateTimeOffset at, string? version = null)
    {
        if (!_nodes.TryGetValue(id, out var node))
        {
            return false;
        }

        lock (node)
        {
            var now = _time.GetUtcNow();
            var heard = now < at ? now : at;
            if (node.LastHeartbeatAt is { } previous && heard < previous)
            {
                // An older beat delivered late (redelivery, concurrent consumption): nothing newer than what we know,
                // and its endpoint may be one the node no longer listens on.
                return false;
            }

            if (Uri.TryCreate(node.ConfiguredEndpoint, UriKind.Absolute, out var configured) && configured.Port == 0
                && Uri.TryCreate(endpoint, UriKind.Absolute, out var announced) && announced.IsLoopback)
            {
                node.Endpoint = endpoint;
            }

            node.LastHeartbeatAt = heard;
            if (version is { Length: > 0 and <= 64 } && version.All(c => c is >= ' ' and <= '~'))
            {
                node.Version = version;
            }
            if (now - heard >= _options.OfflineAfter)
            {
                // Stale on arrival (it waited in the queue): it says nothing about the node now.
                return false;
            }

            var cameOnline = !node.Online;
            node.Online = true;
            return cameOnline;
        }
    }

    /// <summary>Marks nodes whose heartbeats stopped as offline and returns them.</summary>
    public IReadOnlyList<string> SweepOffline()
    {
        var offline = new List<string>();
        foreach (var node in _nodes.Values)
        {
            lock (node)
            {
                if (node.Online && !IsOnline(node.Id))
                {
                    node.Online = false;
                    offline.Add(node.Id);
                }
            }
        }

        foreach (var id in offline)
        {
            WentOffline?.Invoke(id);
        }

        return offline;
    }
}
