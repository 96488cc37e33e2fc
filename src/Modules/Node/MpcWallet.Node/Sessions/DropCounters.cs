using System.Collections.Concurrent;

namespace MpcWallet.Node.Sessions;

/// <summary>Counts dropped round messages per reason (per node).</summary>
internal sealed class DropCounters
{
    private readonly ConcurrentDictionary<DropReason, long> _counts = new();

    public void Add(DropReason reason) => _counts.AddOrUpdate(reason, 1, (_, n) => n + 1);

    public long this[DropReason reason] => _counts.TryGetValue(reason, out var n) ? n : 0;

    public long Total => _counts.Values.Sum();
}
