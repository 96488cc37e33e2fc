using MpcWallet.Infrastructure.Outbox;

namespace MpcWallet.Transactions.Persistence;

/// <summary>One state change in progress: its context, plus helpers that append audit entries and outbox messages to it.</summary>
internal sealed class UnitOfWork(TransactionsDbContext context, TransactionsStore store)
{
    private AuditRecord? _lastAudit;
    private bool _auditHeadLoaded;

    public TransactionsDbContext Context { get; } = context;

    public bool WroteOutbox { get; private set; }

    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    /// <summary>The store this unit writes to (its sequence numbers).</summary>
    public TransactionsStore Store => store;

    /// <summary>Queues <paramref name="message"/> for publication (with its own <paramref name="messageId"/>) once this unit commits.</summary>
    public void Publish<T>(Guid messageId, T message)
        where T : class
    {
        OutboxWriter.Add(Context, store, messageId, message);
        WroteOutbox = true;
    }

    /// <summary>Appends an entry to the hash chain (linked to the newest committed or pending entry).</summary>
    public async Task AuditAsync(TransactionRecord transaction, string? oldStatus, string newStatus, string action, string? hash, string? detail)
    {
        if (!_auditHeadLoaded)
        {
            _lastAudit = await AuditChain.HeadAsync(Context);
            _auditHeadLoaded = true;
        }

        var entry = AuditChain.Link(_lastAudit, new AuditRecord
        {
            Sequence = 0,
            Tenant = transaction.Tenant,
            WalletId = transaction.WalletId,
            TransactionId = transaction.Id,
            OldStatus = oldStatus,
            NewStatus = newStatus,
            Action = action,
            TransactionHash = hash,
            Detail = detail,
            At = AuditChain.Timestamp(Now),
            PreviousHash = "",
            EntryHash = "",
        });
        Context.Audit.Add(entry);
        _lastAudit = entry;
    }
}
