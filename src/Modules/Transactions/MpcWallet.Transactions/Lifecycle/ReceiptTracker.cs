using Microsoft.EntityFrameworkCore;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Receipts and confirmations: reads the head and the receipts of every broadcast attempt (batched), and records
/// what changed for a transaction: mined (block, hash of the attempt that made it), confirmed (or cancelled, when
/// the mined attempt is a cancel) at <see cref="Configuration.ChainOptions.Confirmations"/>, final at <see cref="Configuration.ChainOptions.FinalityDepth"/>,
/// or failed with the decoded reason when the receipt reverted. A receipt in another block than recorded is a reorg
/// (<see cref="Reorgs.LeaveBlockAsync"/>) followed by the new block.
/// </summary>
internal sealed class ReceiptTracker(TransactionsStore store)
{
    private const int BatchSize = 100;

    /// <summary>The chain's head (also kept on <see cref="Chain.Head"/>) and the receipts found, by transaction hash.</summary>
    public static async Task<(ulong Head, Dictionary<string, TransactionReceipt> Receipts)> ReadAsync(Chain chain, IEnumerable<string> hashes, CancellationToken cancellationToken)
    {
        var head = await chain.Client.GetBlockNumberAsync(cancellationToken);
        chain.Head = head;
        var found = new Dictionary<string, TransactionReceipt>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Chunk(BatchSize))
        {
            var batch = new EthereumRpcBatch();
            var entries = chunk.Select(h => batch.Add(EthereumRpcCalls.GetTransactionReceipt(h))).ToArray();
            await chain.Client.ExecuteBatchAsync(batch, cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (entries[i].Error is null && entries[i].Value is { } receipt)
                {
                    found[chunk[i]] = receipt;
                }
            }
        }

        return (head, found);
    }

    /// <summary>Records the receipt of the transaction's mined attempt; only changes are written.</summary>
    public async Task ApplyAsync(Chain chain, TransactionRecord transaction, AttemptRecord attempt, TransactionReceipt receipt, ulong head, CancellationToken cancellationToken)
    {
        if (!NeedsUpdate(chain, transaction, receipt, head))
        {
            return;
        }

        var confirmations = head >= receipt.BlockNumber ? (int)Math.Min(int.MaxValue, head - receipt.BlockNumber + 1) : 0;
        var deep = confirmations >= chain.Options.Confirmations;
        string? revertReason = null;
        if (receipt.Succeeded == false && deep)
        {
            await using var context = await store.OpenAsync(cancellationToken);
            var snapshot = await context.Transactions.AsNoTracking().FirstAsync(t => t.Id == transaction.Id, cancellationToken);
            revertReason = await RevertReasons.ExplainAsync(chain, snapshot, receipt.BlockNumber, cancellationToken);
        }

        await store.WriteAsync(async unit =>
        {
            var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == transaction.Id, cancellationToken);
            if (tx.Status == TransactionStatus.Failed)
            {
                return;
            }

            if (tx.BlockHash is not null && tx.BlockHash != receipt.BlockHash)
            {
                await Reorgs.LeaveBlockAsync(unit, tx, $"block {tx.BlockNumber} ({tx.BlockHash}) is no longer canonical; now in block {receipt.BlockNumber} ({receipt.BlockHash})");
            }

            if (tx.BlockHash is null)
            {
                tx.BlockNumber = (long)receipt.BlockNumber;
                tx.BlockHash = receipt.BlockHash;
                tx.Hash = attempt.Hash;
                await StatusTransitions.RecordAsync(unit, tx, "mined", attempt.Hash, $"attempt {attempt.Number} in block {receipt.BlockNumber} ({receipt.BlockHash}), gas used {receipt.GasUsed}");
            }

            tx.Confirmations = confirmations;
            if (revertReason is not null)
            {
                tx.Error = revertReason;
                await StatusTransitions.MoveAsync(unit, tx, TransactionStatus.Failed, "reverted", revertReason);
                return;
            }

            if (deep && !TransactionStatus.IsMinedAtDepth(tx.Status) && receipt.Succeeded != false)
            {
                var depth = $"{confirmations} confirmation(s) (required {chain.Options.Confirmations}) in block {receipt.BlockNumber}";
                if (attempt.Cancels)
                {
                    // The 0-value self-transfer took the nonce: nothing the transaction asked for happened.
                    tx.Error = $"cancelled: attempt {attempt.Number}, a 0-value self-transfer, took nonce {tx.Nonce}";
                    await StatusTransitions.MoveAsync(unit, tx, TransactionStatus.Cancelled, "cancelled", $"attempt {attempt.Number} (cancel) has {depth}");
                }
                else
                {
                    await StatusTransitions.MoveAsync(unit, tx, TransactionStatus.Confirmed, "confirmed", depth);
                }
            }

            if (TransactionStatus.IsMinedAtDepth(tx.Status) && confirmations >= chain.Options.FinalityDepth)
            {
                tx.Final = true;
            }
        }, cancellationToken);
    }

    /// <summary>Only changes are written: a new or moved block, a status to reach, finality. (Confirmations are derived from the head on read.)</summary>
    private static bool NeedsUpdate(Chain chain, TransactionRecord transaction, TransactionReceipt receipt, ulong head)
    {
        if (transaction.BlockHash != receipt.BlockHash)
        {
            return true;
        }

        var confirmations = head >= receipt.BlockNumber ? head - receipt.BlockNumber + 1 : 0;
        return confirmations >= (ulong)chain.Options.Confirmations && !TransactionStatus.IsMinedAtDepth(transaction.Status)
            || (TransactionStatus.IsMinedAtDepth(transaction.Status) && confirmations >= (ulong)chain.Options.FinalityDepth);
    }
}
