using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Monitoring;

/// <summary>
/// Keeps the cluster gauges current: each node's liveness every second, and from the store (every few seconds) the
/// active wallets grouped by holder set and threshold, combined with liveness into the quorum-margin counts, and the
/// pending signatures. Every coordinator of a shared store computes the same numbers: alert on max, not sum.
/// </summary>
internal sealed partial class ClusterGauges(NodeRegistry registry, CoordinatorStore store, ILogger<ClusterGauges> logger) : BackgroundService
{
    private static readonly TimeSpan StoreInterval = TimeSpan.FromSeconds(5);
    private IReadOnlyList<WalletGroup> _groups = [];
    private DateTimeOffset _lastRead = DateTimeOffset.MinValue;
    private long _pending;

    /// <summary>The wallet groups as last read from the store (the admin view reuses them).</summary>
    public IReadOnlyList<WalletGroup> Groups => Volatile.Read(ref _groups);

    public QuorumMargins Margins => QuorumMargins.Of(Groups, registry.IsOnline);

    /// <summary>Signature requests pending as last read from the store.</summary>
    public long PendingSignatures => Interlocked.Read(ref _pending);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CoordinatorMetrics.Touch([SignatureStatus.Completed, SignatureStatus.Failed]);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                if (DateTimeOffset.UtcNow - _lastRead >= StoreInterval)
                {
                    await ReadStoreAsync(stoppingToken);
                    _lastRead = DateTimeOffset.UtcNow;
                }

                Update();
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ReadStoreAsync(CancellationToken cancellationToken)
    {
        await using var context = await store.OpenAsync(cancellationToken);
        var groups = await context.Wallets.AsNoTracking().Where(w => w.Status == WalletStatus.Active)
            .GroupBy(w => new { w.Threshold, w.Nodes })
            .Select(g => new { g.Key.Threshold, g.Key.Nodes, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        Volatile.Write(ref _groups, groups.Select(g => new WalletGroup(g.Threshold, g.Nodes.Length == 0 ? [] : g.Nodes.Split(','), g.Count)).ToArray());
        var pending = await context.Signatures.LongCountAsync(s => s.Status == SignatureStatus.Pending, cancellationToken);
        Interlocked.Exchange(ref _pending, pending);
        CoordinatorMetrics.PendingSignatures.Set(pending);
    }

    private void Update()
    {
        foreach (var node in registry.Configured)
        {
            CoordinatorMetrics.NodeUp.WithLabels(node).Set(registry.IsOnline(node) ? 1 : 0);
        }

        var margins = Margins;
        CoordinatorMetrics.ActiveWallets.Set(margins.Active);
        CoordinatorMetrics.WalletsBelowQuorumMargin.Set(margins.BelowMargin);
        CoordinatorMetrics.WalletsWithoutQuorum.Set(margins.WithoutQuorum);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster gauges could not be updated: {Error}")]
    private partial void LogFailed(string error);
}
