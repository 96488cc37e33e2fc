using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// A block this service recorded a transaction in is no longer canonical: the transaction loses its block (a
/// confirmed or cancelled one goes back to submitted, the only backwards move of the status) and, when no receipt is left at all,
/// the mined attempt's bytes are sent again.
/// </summary>
internal sealed partial class Reorgs(TransactionsStore store, Broadcaster broadcaster, ILogger<Reorgs> logger)
{
    /// <summary>The transaction had a receipt and none of its attempts has one now.</summary>
    public async Task ReorgedOutAsync(string transactionId, CancellationToken cancellationToken)
    {
        var minedAttempt = await store.WriteAsync(async unit =>
        {
            var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == transactionId, cancellationToken);
            if (tx.BlockHash is null || tx.Status == TransactionStatus.Failed)
            {
                return null;
            }

            var attempt = await unit.Context.Attempts.FirstOrDefaultAsync(a => a.TransactionId == tx.Id && a.Hash == tx.Hash, cancellationToken);
            await LeaveBlockAsync(unit, tx, $"the receipt in block {tx.BlockNumber} ({tx.BlockHash}) disappeared");
            if (attempt is not null)
            {
                attempt.NextBroadcastAt = unit.Now;
            }

            return attempt?.Id;
        }, cancellationToken);
        if (minedAttempt is not null)
        {
            LogReorg(transactionId);
            await broadcaster.BroadcastAsync(minedAttempt, cancellationToken);
        }
    }

    /// <summary>Clears the transaction's block, in the caller's unit (also used when the receipt moved to another block).</summary>
    public static async Task LeaveBlockAsync(UnitOfWork unit, TransactionRecord tx, string detail)
    {
        tx.BlockNumber = null;
        tx.BlockHash = null;
        tx.Confirmations = 0;
        if (TransactionStatus.IsMinedAtDepth(tx.Status))
        {
            tx.Error = null;
            await StatusTransitions.MoveAsync(unit, tx, TransactionStatus.Submitted, "reorg", detail);
        }
        else
        {
            await StatusTransitions.RecordAsync(unit, tx, "reorg", tx.Hash, detail);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TransactionId}: reorg removed its block; back to submitted, rebroadcasting the mined bytes")]
    private partial void LogReorg(string transactionId);
}
