using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Monitoring;

/// <summary>
/// Every few seconds, counts the unsettled transactions per chain and status, those older than their chain's
/// <c>StuckAfter</c>, and the age of the oldest, into <see cref="TransactionMetrics"/>. Every configured chain gets its
/// series at once (zeros), so an alert on them never refers to nothing.
/// </summary>
internal sealed partial class TransactionGauges(TransactionsStore store, ChainRegistry chains, ILogger<TransactionGauges> logger) : BackgroundService
{
    private static readonly string[] Statuses = [TransactionStatus.Queued, TransactionStatus.Signing, TransactionStatus.Submitted];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        do
        {
            try
            {
                await UpdateAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task UpdateAsync(CancellationToken cancellationToken)
    {
        await using var context = await store.OpenAsync(cancellationToken);
        var unsettled = await context.Transactions.AsNoTracking().Where(t => Statuses.Contains(t.Status))
            .Select(t => new { t.ChainId, t.Status, t.CreatedAt }).ToListAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        foreach (var chain in chains.All)
        {
            var label = chain.Id.ToString(CultureInfo.InvariantCulture);
            var own = unsettled.Where(t => (ulong)t.ChainId == chain.Id).ToArray();
            foreach (var status in Statuses)
            {
                TransactionMetrics.Unsettled.WithLabels(label, status).Set(own.Count(t => t.Status == status));
            }

            TransactionMetrics.Stuck.WithLabels(label).Set(own.Count(t => now - t.CreatedAt > chain.Options.StuckAfter));
            TransactionMetrics.OldestUnsettledAge.WithLabels(label).Set(own.Length == 0 ? 0 : Math.Max(0, (now - own.Min(t => t.CreatedAt)).TotalSeconds));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "transaction gauges could not be updated: {Error}")]
    private partial void LogFailed(string error);
}
