using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Fees;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// One polling loop per verified chain, entirely driven by the database (so a restart resumes where it was):
/// receipts of every broadcast attempt (batched), confirmations against the head, reorgs (a receipt gone or in
/// another block → back to submitted, the mined bytes sent again), reverted receipts → failed with the reason,
/// rebroadcast of the same bytes on a growing interval, fee-bumped replacements for attempts stuck longer than
/// <see cref="ChainOptions.StuckAfter"/>, re-sent signature requests, and retried sends after transport failures.
/// </summary>
internal sealed partial class ReceiptTracker(
    TransactionsStore store,
    ChainRegistry chains,
    ChainVerification verification,
    Broadcaster broadcaster,
    AttemptSigner signer,
    TransactionsOptions options,
    ILogger<ReceiptTracker> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _capWarnings = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.MigrateAsync(stoppingToken);
        await Task.WhenAll(chains.All.Select(chain => RunAsync(chain, stoppingToken)));
    }

    private async Task RunAsync(Chain chain, CancellationToken cancellationToken)
    {
        await verification.VerifyAsync(chain, cancellationToken);
        if (chain.State != ChainState.Ready)
        {
            return;
        }

        LogTracking(chain.Id, chain.Options.PollInterval, chain.Options.Confirmations);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(chain, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogPollFailed(chain.Id, e.Message);
            }

            try
            {
                await Task.Delay(chain.Options.PollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal async Task PollOnceAsync(Chain chain, CancellationToken cancellationToken)
    {
        var chainId = (long)chain.Id;
        var now = DateTimeOffset.UtcNow;
        List<TransactionRecord> watched;
        List<AttemptRecord> attempts;
        List<(AttemptRecord Attempt, TransactionRecord Transaction)> waiting;
        await using (var context = await store.OpenAsync(cancellationToken))
        {
            watched = await context.Transactions.AsNoTracking()
                .Where(t => t.ChainId == chainId && (t.Status == TransactionStatus.Submitted || (t.Status == TransactionStatus.Confirmed && !t.Final)))
                .ToListAsync(cancellationToken);
            var ids = watched.Select(t => t.Id).ToArray();
            attempts = ids.Length == 0 ? [] : await context.Attempts.AsNoTracking().Where(a => ids.Contains(a.TransactionId)).ToListAsync(cancellationToken);
            var pairs = await (from a in context.Attempts.AsNoTracking()
                               join t in context.Transactions.AsNoTracking() on a.TransactionId equals t.Id
                               where t.ChainId == chainId && t.Status != TransactionStatus.Failed && (a.Status == AttemptStatus.Signed || a.Status == AttemptStatus.Signing)
                               select new { Attempt = a, Transaction = t }).ToListAsync(cancellationToken);
            waiting = pairs.Select(p => (p.Attempt, p.Transaction)).ToList();
        }

        await ResendWaitingAsync(waiting, now, cancellationToken);
        if (watched.Count == 0)
        {
            return;
        }

        var head = await chain.Client.GetBlockNumberAsync(cancellationToken);
        chain.Head = head;
        var receipts = await ReceiptsAsync(chain, attempts.Where(a => a.Hash is not null).Select(a => a.Hash!).ToArray(), cancellationToken);
        foreach (var transaction in watched)
        {
            var own = attempts.Where(a => a.TransactionId == transaction.Id).OrderBy(a => a.Number).ToList();
            var mined = own.Select(a => (Attempt: a, Receipt: a.Hash is null ? null : receipts.GetValueOrDefault(a.Hash))).FirstOrDefault(x => x.Receipt is not null);
            if (mined.Receipt is not null)
            {
                if (NeedsUpdate(chain, transaction, mined.Receipt, head))
                {
                    await ApplyReceiptAsync(chain, transaction.Id, mined.Attempt, mined.Receipt, head, cancellationToken);
                }
            }
            else if (transaction.BlockHash is not null)
            {
                await ReorgedOutAsync(transaction.Id, cancellationToken);
            }
            else
            {
                await KeepPendingAsync(chain, transaction, own, now, cancellationToken);
            }
        }
    }

    private async Task ResendWaitingAsync(List<(AttemptRecord Attempt, TransactionRecord Transaction)> waiting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (attempt, _) in waiting.Where(w => w.Attempt.Status == AttemptStatus.Signed && (w.Attempt.NextBroadcastAt ?? now) <= now))
        {
            await broadcaster.BroadcastAsync(attempt.Id, cancellationToken);
        }

        foreach (var (attempt, transaction) in waiting.Where(w => w.Attempt.Status == AttemptStatus.Signing && now - w.Attempt.CreatedAt >= options.SigningTimeout))
        {
            LogSigningTimedOut(transaction.Id, attempt.Number, options.SigningTimeout);
            await signer.FailAsync(
                new Contracts.Events.SignatureFailed
                {
                    MessageId = Guid.NewGuid(),
                    SignatureId = attempt.SignatureId,
                    WalletId = transaction.WalletId,
                    Tenant = transaction.Tenant,
                    Reason = $"no signature within {options.SigningTimeout}",
                },
                cancellationToken);
        }

        var unanswered = waiting.Where(w => w.Attempt.Status == AttemptStatus.Signing && now - w.Attempt.RequestedAt >= options.SignatureResendAfter && now - w.Attempt.CreatedAt < options.SigningTimeout).ToList();
        if (unanswered.Count == 0)
        {
            return;
        }

        await store.WriteAsync(async unit =>
        {
            foreach (var (attempt, _) in unanswered)
            {
                var tracked = await unit.Context.Attempts.FirstAsync(a => a.Id == attempt.Id, cancellationToken);
                var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == attempt.TransactionId, cancellationToken);
                if (tracked.Status == AttemptStatus.Signing)
                {
                    SignatureRequests.Request(unit, tx, tracked);
                    LogSignatureResent(tx.Id, tracked.Number, tracked.SignatureId);
                }
            }
        }, cancellationToken);
    }

    private static async Task<Dictionary<string, TransactionReceipt>> ReceiptsAsync(Chain chain, string[] hashes, CancellationToken cancellationToken)
    {
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

        return found;
    }

    /// <summary>Only changes are written: a new or moved block, a status to reach, finality. (Confirmations are derived from the head on read.)</summary>
    private static bool NeedsUpdate(Chain chain, TransactionRecord transaction, TransactionReceipt receipt, ulong head)
    {
        if (transaction.BlockHash != receipt.BlockHash)
        {
            return true;
        }

        var confirmations = head >= receipt.BlockNumber ? head - receipt.BlockNumber + 1 : 0;
        return confirmations >= (ulong)chain.Options.Confirmations && transaction.Status != TransactionStatus.Confirmed
            || (transaction.Status == TransactionStatus.Confirmed && confirmations >= (ulong)chain.Options.FinalityDepth);
    }

    private async Task ApplyReceiptAsync(Chain chain, string transactionId, AttemptRecord attempt, TransactionReceipt receipt, ulong head, CancellationToken cancellationToken)
    {
        var confirmations = head >= receipt.BlockNumber ? (int)Math.Min(int.MaxValue, head - receipt.BlockNumber + 1) : 0;
        var deep = confirmations >= chain.Options.Confirmations;
        string? revertReason = null;
        if (receipt.Succeeded == false && deep)
        {
            await using var context = await store.OpenAsync(cancellationToken);
            var snapshot = await context.Transactions.AsNoTracking().FirstAsync(t => t.Id == transactionId, cancellationToken);
            revertReason = await RevertReasons.ExplainAsync(chain, snapshot, receipt.BlockNumber, cancellationToken);
        }

        await store.WriteAsync(async unit =>
        {
            var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == transactionId, cancellationToken);
            if (tx.Status == TransactionStatus.Failed)
            {
                return;
            }

            if (tx.BlockHash is not null && tx.BlockHash != receipt.BlockHash)
            {
                await ReorgAsync(unit, tx, $"block {tx.BlockNumber} ({tx.BlockHash}) is no longer canonical; now in block {receipt.BlockNumber} ({receipt.BlockHash})");
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

            if (deep && tx.Status != TransactionStatus.Confirmed && receipt.Succeeded != false)
            {
                await StatusTransitions.MoveAsync(unit, tx, TransactionStatus.Confirmed, "confirmed", $"{confirmations} confirmation(s) (required {chain.Options.Confirmations}) in block {receipt.BlockNumber}");
            }

            if (tx.Status == TransactionStatus.Confirmed && confirmations >= chain.Options.FinalityDepth)
            {
                tx.Final = true;
            }
        }, cancellationToken);
    }

    private async Task ReorgedOutAsync(string transactionId, CancellationToken cancellationToken)
    {
        var minedAttempt = await store.WriteAsync(async unit =>
        {
            var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == transactionId, cancellationToken);
            if (tx.BlockHash is null || tx.Status == TransactionStatus.Failed)
            {
                return null;
            }

            var attempt = await unit.Context.Attempts.FirstOrDefaultAsync(a => a.TransactionId == tx.Id && a.Hash == tx.Hash, cancellationToken);
            await ReorgAsync(unit, tx, $"the receipt in block {tx.BlockNumber} ({tx.BlockHash}) disappeared");
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

    private static async Task ReorgAsync(UnitOfWork unit, TransactionRecord tx, string detail)
    {
        tx.BlockNumber = null;
        tx.BlockHash = null;
        tx.Confirmations = 0;
        if (tx.Status == TransactionStatus.Confirmed)
        {
            await StatusTransitions.MoveAsync(unit, tx, TransactionStatus.Submitted, "reorg", detail);
        }
        else
        {
            await StatusTransitions.RecordAsync(unit, tx, "reorg", tx.Hash, detail);
        }
    }

    private async Task KeepPendingAsync(Chain chain, TransactionRecord transaction, List<AttemptRecord> attempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = attempts.LastOrDefault();
        var live = attempts.LastOrDefault(a => a.Status == AttemptStatus.Submitted);
        if (latest is null || live is null)
        {
            return;
        }

        if (live.NextBroadcastAt is { } due && due <= now)
        {
            await broadcaster.BroadcastAsync(live.Id, cancellationToken);
        }

        // Stuck: the newest attempt (whatever became of it) is older than StuckAfter and nothing is being signed.
        if (latest.Status is AttemptStatus.Signing or AttemptStatus.Signed || now - latest.CreatedAt < chain.Options.StuckAfter
            || now - (live.SubmittedAt ?? now) < chain.Options.StuckAfter)
        {
            return;
        }

        var market = await FeeEstimator.QuoteAsync(chain, cancellationToken);
        var fees = FeeBump.Next(chain.FeePolicy, UInt256.Parse(live.MaxFeePerGas), UInt256.Parse(live.MaxPriorityFeePerGas), market);
        if (fees is null)
        {
            if (!_capWarnings.TryGetValue(transaction.Id, out var warned) || now - warned > TimeSpan.FromMinutes(10))
            {
                _capWarnings[transaction.Id] = now;
                LogCapped(transaction.Id, transaction.Nonce, chain.FeePolicy.MaxFeePerGasCap.ToString());
            }

            return;
        }

        await store.WriteAsync(async unit =>
        {
            var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == transaction.Id, cancellationToken);
            var busy = await unit.Context.Attempts.AnyAsync(a => a.TransactionId == tx.Id && (a.Status == AttemptStatus.Signing || a.Status == AttemptStatus.Signed), cancellationToken);
            if (tx.Status != TransactionStatus.Submitted || tx.BlockHash is not null || busy)
            {
                return;
            }

            await SignatureRequests.AddAttemptAsync(unit, tx, fees, "replacement requested");
        }, cancellationToken);
        LogBump(transaction.Id, transaction.Nonce, live.Number, fees.MaxFeePerGas.ToString(), fees.MaxPriorityFeePerGas.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain {ChainId}: tracking receipts every {Interval}, confirmed at depth {Confirmations}")]
    private partial void LogTracking(ulong chainId, TimeSpan interval, int confirmations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {ChainId}: poll failed ({Error}); trying again next interval")]
    private partial void LogPollFailed(ulong chainId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TransactionId}: reorg removed its block; back to submitted, rebroadcasting the mined bytes")]
    private partial void LogReorg(string transactionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction {TransactionId} (nonce {Nonce}) stuck after attempt {Attempt}: replacement with maxFeePerGas {MaxFee}, maxPriorityFeePerGas {Tip}")]
    private partial void LogBump(string transactionId, long? nonce, int attempt, string maxFee, string tip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TransactionId} (nonce {Nonce}) is stuck and cannot be bumped: the fee cap {Cap} leaves no valid replacement (stuck signer)")]
    private partial void LogCapped(string transactionId, long? nonce, string cap);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TransactionId} attempt {Attempt}: no signature within {Timeout}; the attempt is given up")]
    private partial void LogSigningTimedOut(string transactionId, int attempt, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction {TransactionId} attempt {Attempt}: signature request {SignatureId} sent again (no answer yet)")]
    private partial void LogSignatureResent(string transactionId, int attempt, string signatureId);
}
