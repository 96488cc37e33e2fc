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
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the request stays pending and is recovered on the next start.
        }
        catch (Exception e)
        {
            LogCrashed(item.Kind, item.Id, e);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} run for {Id} crashed; it stays pending until the next start")]
    private partial void LogCrashed(WorkKind kind, string id, Exception error);
}
