using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Work;

/// <summary>
/// Ownership of pending requests among coordinators sharing one store: a request is claimed by a conditional update
/// (only when unowned, its lease ran out, or already ours) and its lease is renewed while it runs here. A run whose
/// lease was lost (another coordinator took the request over) is cancelled. Safety never depends on leases: results
/// are finalized by conditional updates; leases only keep two coordinators from doing the same work.
/// </summary>
internal sealed class WorkLeases(CoordinatorStore store, CoordinatorOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (WorkItem Item, CancellationTokenSource Lost)> _held = new();

    public string Instance => options.InstanceId;

    public long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public long LeaseEnd => Now + (long)options.LeaseDuration.TotalMilliseconds;

    /// <summary>True when the request is pending and now ours.</summary>
    public async Task<bool> TryClaimAsync(WorkItem item, bool ignoreLease, CancellationToken cancellationToken)
    {
        var me = Instance;
        var now = Now;
        var until = LeaseEnd;
        await using var context = store.Open();
        var claimed = item.Kind switch
        {
            WorkKind.Signing => await context.Signatures
                .Where(s => s.Id == item.Id && s.Status == SignatureStatus.Pending && (ignoreLease || s.Owner == null || s.Owner == me || s.LeaseUntil == null || s.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Owner, me).SetProperty(x => x.LeaseUntil, until), cancellationToken),
            WorkKind.Refresh => await context.Operations
                .Where(o => o.Id == item.Id && o.Status == OperationStatus.Pending && (ignoreLease || o.Owner == null || o.Owner == me || o.LeaseUntil == null || o.LeaseUntil < now))
                .ExecuteUpdateAsync(o => o.SetProperty(x => x.Owner, me).SetProperty(x => x.LeaseUntil, until), cancellationToken),
            _ => await context.Wallets
                .Where(w => w.Id == item.Id && w.Status == WalletStatus.Creating && (ignoreLease || w.Owner == null || w.Owner == me || w.LeaseUntil == null || w.LeaseUntil < now))
                .ExecuteUpdateAsync(w => w.SetProperty(x => x.Owner, me).SetProperty(x => x.LeaseUntil, until), cancellationToken),
        };
        return claimed == 1;
    }

    /// <summary>Pending requests nobody holds (unowned or lease expired), or all pending ones when <paramref name="includeOwn"/>.</summary>
    public async Task<IReadOnlyList<WorkItem>> ClaimableAsync(bool includeOwn, CancellationToken cancellationToken)
    {
        var me = Instance;
        var now = Now;
        await using var context = store.Open();
        var wallets = await context.Wallets
            .Where(w => w.Status == WalletStatus.Creating && (includeOwn || w.Owner == null || w.LeaseUntil == null || w.LeaseUntil < now))
            .Select(w => new { w.Id, w.TraceParent }).ToListAsync(cancellationToken);
        var signatures = await context.Signatures
            .Where(s => s.Status == SignatureStatus.Pending && (includeOwn || s.Owner == null || s.LeaseUntil == null || s.LeaseUntil < now))
            .Select(s => new { s.Id, s.TraceParent }).ToListAsync(cancellationToken);
        var operations = await context.Operations
            .Where(o => o.Status == OperationStatus.Pending && (includeOwn || o.Owner == null || o.LeaseUntil == null || o.LeaseUntil < now))
            .Select(o => new { o.Id, o.TraceParent }).ToListAsync(cancellationToken);
        return
        [
            .. wallets.Select(w => new WorkItem(WorkKind.KeyGeneration, w.Id, w.TraceParent)),
            .. signatures.Select(s => new WorkItem(WorkKind.Signing, s.Id, s.TraceParent)),
            .. operations.Select(o => new WorkItem(WorkKind.Refresh, o.Id, o.TraceParent)),
        ];
    }

    /// <summary>Marks the request as running here; the token is cancelled if its lease is lost.</summary>
    public CancellationToken Hold(WorkItem item)
    {
        var lost = new CancellationTokenSource();
        _held[item.Id] = (item, lost);
        return lost.Token;
    }

    /// <summary>The run ended. When it ended unfinished (shutdown), the lease is given up so another coordinator can take the request at once.</summary>
    public async Task ReleaseAsync(WorkItem item, bool giveUp)
    {
        if (_held.TryRemove(item.Id, out var held))
        {
            held.Lost.Dispose();
        }

        if (!giveUp)
        {
            return;
        }

        var me = Instance;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await using var context = store.Open();
            _ = item.Kind switch
            {
                WorkKind.Signing => await context.Signatures.Where(s => s.Id == item.Id && s.Owner == me).ExecuteUpdateAsync(s => s.SetProperty(x => x.Owner, (string?)null).SetProperty(x => x.LeaseUntil, (long?)null), timeout.Token),
                WorkKind.Refresh => await context.Operations.Where(o => o.Id == item.Id && o.Owner == me).ExecuteUpdateAsync(o => o.SetProperty(x => x.Owner, (string?)null).SetProperty(x => x.LeaseUntil, (long?)null), timeout.Token),
                _ => await context.Wallets.Where(w => w.Id == item.Id && w.Owner == me).ExecuteUpdateAsync(w => w.SetProperty(x => x.Owner, (string?)null).SetProperty(x => x.LeaseUntil, (long?)null), timeout.Token),
            };
        }
        catch (Exception e) when (e is OperationCanceledException or DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The lease then simply runs out.
        }
    }

    /// <summary>Extends the leases of every request running here; cancels the runs whose lease another coordinator took.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var me = Instance;
        var until = LeaseEnd;
        foreach (var (id, (item, lost)) in _held.ToArray())
        {
            await using var context = store.Open();
            var renewed = item.Kind switch
            {
                WorkKind.Signing => await context.Signatures.Where(s => s.Id == id && s.Owner == me && s.Status == SignatureStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseUntil, until), cancellationToken),
                WorkKind.Refresh => await context.Operations.Where(o => o.Id == id && o.Owner == me && o.Status == OperationStatus.Pending).ExecuteUpdateAsync(o => o.SetProperty(x => x.LeaseUntil, until), cancellationToken),
                _ => await context.Wallets.Where(w => w.Id == id && w.Owner == me && w.Status == WalletStatus.Creating).ExecuteUpdateAsync(w => w.SetProperty(x => x.LeaseUntil, until), cancellationToken),
            };
            if (renewed == 0)
            {
                // Finished meanwhile, or taken over: either way this run has nothing more to do.
                try
                {
                    lost.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The run ended between the snapshot and here.
                }
            }
        }
    }
}
