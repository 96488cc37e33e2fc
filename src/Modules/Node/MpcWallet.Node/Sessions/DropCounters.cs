using System.Collections.Concurrent;
using Prometheus;

namespace MpcWallet.Node.Sessions;

/// <summary>Counts dropped round messages per reason (per node), also exported as a Prometheus counter.</summary>
internal sealed class DropCounters
{
    private static readonly Counter Dropped = Metrics.CreateCounter(
        "mpcwallet_round_messages_dropped_total", "Round messages a node dropped (never blamed on anyone).", "node", "reason");

    private readonly ConcurrentDictionary<DropReason, long> _counts = new();
    private readonly string _nodeId;

    public DropCounters(string nodeId)
    {
        _nodeId = nodeId;

        // Every (node, reason) series exists from the start at 0, so dashboards and rates see the first drop.
        foreach (var reason in Enum.GetValues<DropReason>())
        {
            Dropped.WithLabels(nodeId, reason.ToString());
        }
    }

    public void Add(DropReason reason)
    {
        _counts.AddOrUpdate(reason, 1, (_, n) => n + 1);
        Dropped.WithLabels(_nodeId, reason.ToString()).Inc();
    }

    public long this[DropReason reason] => _counts.TryGetValue(reason, out var n) ? n : 0;

    public long Total => _counts.Values.Sum();
}
