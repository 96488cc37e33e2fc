using System.Collections.Concurrent;
using System.Threading.Channels;

namespace MpcWallet.Coordinator.Work;

/// <summary>
/// Requests waiting for the orchestrator of this process (persisted first, so nothing is lost with the process). A
/// request is in the queue at most once until its run finishes, however often the API, the consumers and the lease
/// sweeper hand it in.
/// </summary>
internal sealed class WorkQueue
{
    private readonly Channel<WorkItem> _items = Channel.CreateUnbounded<WorkItem>();
    private readonly ConcurrentDictionary<string, byte> _present = new();

    public void Enqueue(WorkItem item)
    {
        if (_present.TryAdd(item.Id, 0))
        {
            _items.Writer.TryWrite(item);
        }
    }

    /// <summary>Queued or running here.</summary>
    public bool Contains(string id) => _present.ContainsKey(id);

    /// <summary>The item's run ended; it may be queued again.</summary>
    public void Finished(WorkItem item) => _present.TryRemove(item.Id, out _);

    public IAsyncEnumerable<WorkItem> ReadAllAsync(CancellationToken cancellationToken) => _items.Reader.ReadAllAsync(cancellationToken);
}
