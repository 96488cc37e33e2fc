using System.Threading.Channels;

namespace MpcWallet.Coordinator.Orchestration;

/// <summary>Requests accepted by the API and waiting for the orchestrator (persisted first, so a restart re-queues them).</summary>
internal sealed class WorkQueue
{
    private readonly Channel<WorkItem> _items = Channel.CreateUnbounded<WorkItem>();

    public void Enqueue(WorkItem item) => _items.Writer.TryWrite(item);

    public IAsyncEnumerable<WorkItem> ReadAllAsync(CancellationToken cancellationToken) => _items.Reader.ReadAllAsync(cancellationToken);
}
