using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcWallet.Infrastructure.Telemetry;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// One polling loop per verified chain, entirely driven by the database (so a restart resumes where it was). Each
/// poll reads the chain's open work and hands it out: attempts not on a node yet to <see cref="SignatureResends"/>;
/// then, per submitted or not yet final transaction, a receipt to <see cref="ReceiptTracker"/>, a vanished receipt to
/// <see cref="Reorgs"/>, no receipt to <see cref="StuckAttempts"/>. A failed poll is logged and tried again next interval.
/// </summary>
internal sealed partial class ChainPoller(
    TransactionsStore store,
    ChainRegistry chains,
    ChainVerification verification,
    SignatureResends resends,
    ReceiptTracker receipts,
    Reorgs reorgs,
    StuckAttempts stuck,
    ILogger<ChainPoller> logger) : BackgroundService
{
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
                .Where(t => t.ChainId == chainId && (t.Status == TransactionStatus.Submitted || ((t.Status == TransactionStatus.Confirmed || t.Status == TransactionStatus.Cancelled) && !t.Final)))
                .ToListAsync(cancellationToken);
            var ids = watched.Select(t => t.Id).ToArray();
            attempts = ids.Length == 0 ? [] : await context.Attempts.AsNoTracking().Where(a => ids.Contains(a.TransactionId)).ToListAsync(cancellationToken);
            var pairs = await (from a in context.Attempts.AsNoTracking()
                               join t in context.Transactions.AsNoTracking() on a.TransactionId equals t.Id
                               where t.ChainId == chainId && t.Status != TransactionStatus.Failed && (a.Status == AttemptStatus.Signed || a.Status == AttemptStatus.Signing)
                               select new { Attempt = a, Transaction = t }).ToListAsync(cancellationToken);
            waiting = pairs.Select(p => (p.Attempt, p.Transaction)).ToList();
        }

        await resends.RunAsync(waiting, now, cancellationToken);
        if (watched.Count == 0)
        {
            return;
        }

        var (head, found) = await ReceiptTracker.ReadAsync(chain, attempts.Where(a => a.Hash is not null).Select(a => a.Hash!).ToArray(), cancellationToken);
        foreach (var transaction in watched)
        {
            var own = attempts.Where(a => a.TransactionId == transaction.Id).OrderBy(a => a.Number).ToList();
            var mined = own.Select(a => (Attempt: a, Receipt: a.Hash is null ? null : found.GetValueOrDefault(a.Hash))).FirstOrDefault(x => x.Receipt is not null);
            if (mined.Receipt is not null)
            {
                // In the trace of the request that created the transaction (a span per poll that found its receipt).
                using var span = TraceParent.StartUnder(ActivitySources.Transactions, "transactions receipt", ActivityKind.Internal, transaction.TraceParent, [new("mpcwallet.transaction.id", transaction.Id), new("mpcwallet.chain.id", chain.Id), new("mpcwallet.tx.hash", mined.Attempt.Hash), new("mpcwallet.block", head)]);
                await receipts.ApplyAsync(chain, transaction, mined.Attempt, mined.Receipt, head, cancellationToken);
            }
            else if (transaction.BlockHash is not null)
            {
                using var span = TraceParent.StartUnder(ActivitySources.Transactions, "transactions reorged out", ActivityKind.Internal, transaction.TraceParent, [new("mpcwallet.transaction.id", transaction.Id), new("mpcwallet.chain.id", chain.Id)]);
                await reorgs.ReorgedOutAsync(transaction.Id, cancellationToken);
            }
            else
            {
                await stuck.KeepPendingAsync(chain, transaction, own, now, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain {ChainId}: tracking receipts every {Interval}, confirmed at depth {Confirmations}")]
    private partial void LogTracking(ulong chainId, TimeSpan interval, int confirmations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain {ChainId}: poll failed ({Error}); trying again next interval")]
    private partial void LogPollFailed(ulong chainId, string error);
}
