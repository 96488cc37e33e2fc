using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Orchestration;

/// <summary>
/// Runs accepted requests, a bounded number at a time. On start it re-queues every wallet still creating and every
/// signature still pending, so a restart loses nothing; completed wallets and signatures are never redone.
/// </summary>
internal sealed partial class SessionOrchestrator(WorkQueue queue, CoordinatorStore store, IServiceProvider services, CoordinatorOptions options, ILogger<SessionOrchestrator> logger) : BackgroundService
{
    // A run that crashed (e.g. a store error) is queued again, a few times, instead of staying pending until a restart;
    // the run itself fails the request once its deadline has passed.
    private const int MaxCrashRetries = 5;
    private static readonly TimeSpan CrashRetryDelay = TimeSpan.FromSeconds(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _crashes = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        using var slots = new SemaphoreSlim(options.MaxConcurrentRuns);
        var running = new List<Task>();
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

        await Task.WhenAll(running);
    }

    private async Task RunAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            if (item.Kind == WorkKind.KeyGeneration)
            {
                await services.GetRequiredService<KeyGenerationRun>().ExecuteAsync(item.Id, cancellationToken);
            }
            else
            {
                await services.GetRequiredService<SigningRun>().ExecuteAsync(item.Id, cancellationToken);
            }

            _crashes.TryRemove(item.Id, out _);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the request stays pending and is recovered on the next start.
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
            _ = RequeueLaterAsync(item, cancellationToken);
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
            // Shutting down: recovered from the store on the next start.
        }
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        foreach (var id in await context.Wallets.Where(w => w.Status == WalletStatus.Creating).Select(w => w.Id).ToListAsync(cancellationToken))
        {
            queue.Enqueue(new WorkItem(WorkKind.KeyGeneration, id));
        }

        foreach (var id in await context.Signatures.Where(s => s.Status == SignatureStatus.Pending).Select(s => s.Id).ToListAsync(cancellationToken))
        {
            queue.Enqueue(new WorkItem(WorkKind.Signing, id));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} run for {Id} crashed (attempt {Crashes}); running it again shortly")]
    private partial void LogCrashedRetrying(WorkKind kind, string id, int crashes, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} run for {Id} crashed repeatedly; it stays pending until the next start")]
    private partial void LogCrashed(WorkKind kind, string id, Exception error);
}
