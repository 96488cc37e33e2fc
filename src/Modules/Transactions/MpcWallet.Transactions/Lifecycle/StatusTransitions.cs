using MassTransit;
using MpcWallet.Contracts.Events;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>Every status change goes through here: the row, an audit entry and a <see cref="TransactionStatusChanged"/> event, in one unit.</summary>
internal static class StatusTransitions
{
    public static async Task MoveAsync(UnitOfWork unit, TransactionRecord transaction, string newStatus, string action, string? detail = null)
    {
        var old = transaction.Status;
        if (TransactionStatus.IsTerminal(old))
        {
            throw new InvalidOperationException($"transaction {transaction.Id} is {old}; it cannot become {newStatus}");
        }

        transaction.Status = newStatus;
        transaction.UpdatedAt = unit.Now;
        await unit.AuditAsync(transaction, old, newStatus, action, transaction.Hash, detail);
        var id = NewId.NextGuid();
        unit.Publish(id, new TransactionStatusChanged
        {
            MessageId = id,
            TransactionId = transaction.Id,
            WalletId = transaction.WalletId,
            Tenant = transaction.Tenant,
            ChainId = (ulong)transaction.ChainId,
            From = transaction.From,
            Nonce = transaction.Nonce is { } n ? (ulong)n : null,
            OldStatus = old,
            NewStatus = newStatus,
            Hash = transaction.Hash,
            BlockNumber = transaction.BlockNumber is { } b ? (ulong)b : null,
            Error = transaction.Error,
            At = unit.Now,
        });
    }

    /// <summary>The first entry of a new transaction (no previous status).</summary>
    public static async Task CreatedAsync(UnitOfWork unit, TransactionRecord transaction, string action, string? detail)
    {
        await unit.AuditAsync(transaction, null, transaction.Status, action, null, detail);
        var id = NewId.NextGuid();
        unit.Publish(id, new TransactionStatusChanged
        {
            MessageId = id,
            TransactionId = transaction.Id,
            WalletId = transaction.WalletId,
            Tenant = transaction.Tenant,
            ChainId = (ulong)transaction.ChainId,
            From = transaction.From,
            Nonce = transaction.Nonce is { } n ? (ulong)n : null,
            OldStatus = null,
            NewStatus = transaction.Status,
            Error = transaction.Error,
            At = unit.Now,
        });
    }

    /// <summary>An event without a status change (attempt signed, replacement broadcast, mined, nonce released).</summary>
    public static Task RecordAsync(UnitOfWork unit, TransactionRecord transaction, string action, string? hash, string? detail)
    {
        transaction.UpdatedAt = unit.Now;
        return unit.AuditAsync(transaction, transaction.Status, transaction.Status, action, hash, detail);
    }
}
