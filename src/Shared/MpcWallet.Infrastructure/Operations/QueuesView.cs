using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Outbox;

namespace MpcWallet.Infrastructure.Operations;

/// <summary><c>GET /v1/admin/queues</c>: this process's outboxes (one per module store) and the fault queues of its receive endpoints.</summary>
public sealed record QueuesView(IReadOnlyList<OutboxBacklog> Outboxes, IReadOnlyList<ErrorQueueDepth> ErrorQueues);
