using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Infrastructure.Telemetry;

namespace MpcWallet.Coordinator.Work;

/// <summary>
/// Runs accepted requests (each kind by its <see cref="IWorkRun"/>), a bounded number at a time, each under a lease (<see cref="WorkLeases"/>) renewed while it
/// runs. On start it claims every wallet still creating and every signature still pending that no other coordinator
/// holds, and from then on sweeps for requests whose owner's lease ran out (a coordinator that died), so nothing is
/// lost; completed wallets and signatures are never redone.
/// </summary>
internal sealed partial class WorkRunner(WorkQueue queue, WorkLeases leases, IEnumerable<IWorkRun> runs, SessionLedger ledger, CoordinatorStore store, CoordinatorOptions options, ILogger<WorkRunner> logger) : BackgroundService
{
    // A run that crashed (e.g. a store error) is queued again, a few times, instead of staying pending until a restart;
    // the run itself fails the request once its deadline has passed.
    private const int MaxCrashRetries = 5;
    private static readonly TimeSpan CrashRetryDelay = TimeSpan.FromSeconds(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _crashes = new();
    private readonly Dictionary<WorkKind, IWorkRun> _runs = runs.ToDictionary(r => r.Kind);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A SQLite file has exactly one coordinator: whatever is pending is ours, whoever held it before the restart.
        await SweepAsync(includeOwn: true, ignoreLease: store.Database.Provider == DatabaseProvider.Sqlite, stoppingToken);
        var sweeping = SweepLoopAsync(stoppingToken);
        var renewing = RenewLoopAsync(stoppingToken);
        using var slots = new SemaphoreSlim(options.MaxConcurrentRuns);
        var running = new List<Task>();
        try
        {
            await foreach (var item in queue.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(Task.Run(
                    async () =>
                    {
                        try
                        {
                            await RunAsync(item, stoppingToken);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    },
                    stoppingToken));
            }
        }
        finally
        {
            await Task.WhenAll(running.Append(sweeping).Append(renewing).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    private async Task RunAsync(WorkItem item, CancellationToken stoppingToken)
    {
        var finished = false;
        try
        {
            // Accepted here moments ago: the lease taken with the insert still holds (one write fewer per request).
            var fresh = item.ClaimedUntil is { } until && until - leases.Now > (long)(options.LeaseDuration.TotalMilliseconds / 2);
            if (!fresh && !await leases.TryClaimAsync(item, ignoreLease: false, stoppingToken))
            {
                // Finished, or another coordinator holds it.
                finished = true;
                return;
            }

            using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leases.Hold(item));
            // The run continues the trace of the request that asked for it, whenever and wherever it runs.
            using var span = TraceParent.StartUnder(
                ActivitySources.Coordinator,
                item.Kind switch { WorkKind.Signing => "coordinator signing run", WorkKind.Refresh => "coordinator refresh run", _ => "coordinator key generation run" },
                ActivityKind.Internal,
                item.TraceParent,
                [new(item.Kind switch { WorkKind.Signing => "mpcwallet.signature.id", WorkKind.Refresh => "mpcwallet.operation.id", _ => "mpcwallet.wallet.id" }, item.Id), new("mpcwallet.coordinator.instance", leases.Instance)]);
            try
            {
                await _runs[item.Kind].ExecuteAsync(item.Id, run.Token);

                finished = true;
                _crashes.TryRemove(item.Id, out _);
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                // The lease was lost: the request finished elsewhere or another coordinator took it over.
                finished = true;
                LogLeaseLost(item.Kind, item.Id);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the request stays pending for another coordinator, or for the next start.
        }
        catch (Exception e)
        {
            var crashes = _crashes.AddOrUpdate(item.Id, 1, (_, n) => n + 1);
            if (crashes > MaxCrashRetries)
            {
                _crashes.TryRemove(item.Id, out _);
                LogCrashed(item.Kind, item.Id, e);
                return;
            }

            LogCrashedRetrying(item.Kind, item.Id, crashes, e);
            _ = RequeueLaterAsync(item, stoppingToken);
        }
        finally
        {
            // Given up only when shutting down mid-run; a crashed run keeps its lease (retried here, or swept once it expires).
            await leases.ReleaseAsync(item, giveUp: !finished && stoppingToken.IsCancellationRequested);
            queue.Finished(item);
        }
    }

    private async Task RequeueLaterAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(CrashRetryDelay, cancellationToken);
            queue.Enqueue(item);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: recovered from the store by another coordinator or on the next start.
        }
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(includeOwn: false, ignoreLease: false, stoppingToken);
                await ledger.ExpireAsync(options.LeaseDuration, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e.Message);
            }
        }
    }

    private async Task SweepAsync(bool includeOwn, bool ignoreLease, CancellationToken cancellationToken)
    {
        foreach (var item in await leases.ClaimableAsync(includeOwn || ignoreLease, cancellationToken))
        {
            if (!queue.Contains(item.Id) && await leases.TryClaimAsync(item, ignoreLease, cancellationToken))
            {
                queue.Enqueue(item);
            }
        }
    }

    private async Task RenewLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.LeaseDuration / 3);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await leases.RenewAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRenewFailed(e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} run for {Id} crashed (attempt {Crashes}); running it again shortly")]
    private partial void LogCrashedRetrying(WorkKind kind, string id, int crashes, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} run for {Id} crashed repeatedly; it stays pending until its lease runs out or the next start")]
    private partial void LogCrashed(WorkKind kind, string id, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} run for {Id} stopped: its lease was lost (finished elsewhere or taken over)")]
    private partial void LogLeaseLost(WorkKind kind, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "sweeping for expired leases failed, retrying: {Error}")]
    private partial void LogSweepFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "renewing leases failed, retrying: {Error}")]
    private partial void LogRenewFailed(string error);
}
