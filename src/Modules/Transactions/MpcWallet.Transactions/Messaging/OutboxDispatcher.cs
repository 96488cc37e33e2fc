using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.SignatureRequests;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Messaging;

/// <summary>
/// Publishes committed outbox rows in order (at least once: a crash between publish and marking re-publishes;
/// every consumer is idempotent), woken by each committing unit and swept periodically. Sent rows are pruned after a day.
/// </summary>
internal sealed partial class OutboxDispatcher(TransactionsStore store, IBus bus, TransactionsOptions options, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly Dictionary<string, Type> Types = new[] { typeof(SignatureRequested), typeof(TransactionStatusChanged) }.ToDictionary(t => t.FullName!);
    private readonly SemaphoreSlim _signal = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        store.OutboxWritten += Wake;
        try
        {
            await store.EnsureMigratedAsync(stoppingToken);
            var lastPrune = DateTimeOffset.MinValue;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await DispatchBatchAsync(stoppingToken))
                    {
                    }

                    if (DateTimeOffset.UtcNow - lastPrune > TimeSpan.FromHours(1))
                    {
                        lastPrune = DateTimeOffset.UtcNow;
                        // Sequences are UTC ticks (time based), which every provider compares natively.
                        var before = (lastPrune - TimeSpan.FromDays(1)).UtcTicks;
                        await using var context = await store.OpenAsync(stoppingToken);
                        await context.Outbox.Where(o => o.SentAt != null && o.Sequence < before).ExecuteDeleteAsync(stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(e.Message);
                }

                await _signal.WaitAsync(options.OutboxSweepInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            store.OutboxWritten -= Wake;
        }
    }

    private void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled
        }
    }

    private async Task<bool> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        List<OutboxRecord> rows;
        await using (var context = await store.OpenAsync(cancellationToken))
        {
            rows = await context.Outbox.AsNoTracking().Where(o => o.SentAt == null).OrderBy(o => o.Sequence).Take(200).ToListAsync(cancellationToken);
        }

        if (rows.Count == 0)
        {
            return false;
        }

        foreach (var row in rows)
        {
            if (Types.TryGetValue(row.MessageType, out var type) && JsonSerializer.Deserialize(row.Payload, type) is { } message)
            {
                await bus.Publish(message, type, cancellationToken);
            }
            else
            {
                LogUnknown(row.Id, row.MessageType);
            }
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var now = DateTimeOffset.UtcNow;
        await store.WriteAsync(unit => unit.Context.Outbox.Where(o => ids.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.SentAt, now), cancellationToken), cancellationToken);
        return rows.Count == 200;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed ({Error}); retrying")]
    private partial void LogFailed(string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {Id} has unknown message type {Type}; skipped")]
    private partial void LogUnknown(string id, string type);
}
