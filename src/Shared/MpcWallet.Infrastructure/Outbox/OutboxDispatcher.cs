using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Infrastructure.Telemetry;

namespace MpcWallet.Infrastructure.Outbox;

/// <summary>
/// Publishes a module's committed outbox rows in sequence order, each with its original message id (consumers
/// deduplicate by it), marking each row sent as soon as it is published, so a failure part-way through a batch
/// re-publishes only what was not confirmed. Woken by <see cref="ModuleStore{TContext}.OutboxCommitted"/>, else on a
/// short poll; what was unsent before a restart goes out on start. Every publish is bounded
/// (<see cref="OutboxSettings.PublishTimeout"/>). With <see cref="OutboxSettings.ClaimOwner"/>, rows are claimed
/// (conditional update, short claim) before they are published, so dispatchers of several processes on one store do
/// not publish the same row; one dying between publish and marking leaves the row to be published again after the
/// claim runs out (at least once, same message id). A row this process cannot publish (a message type it does not
/// know, a payload it cannot read) is never marked sent: it is logged and counted once, skipped, and left for an
/// operator or a process that knows the type. Sent rows are pruned after <see cref="OutboxSettings.Retention"/>.
/// </summary>
public sealed partial class OutboxDispatcher<TContext>(
    ModuleStore<TContext> store,
    IPublishEndpoint publisher,
    OutboxSettings settings,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService, IOutboxBacklog
    where TContext : DbContext, IOutboxContext
{
    private static readonly TimeSpan BacklogInterval = TimeSpan.FromSeconds(5);
    private static readonly Dictionary<string, Type> Known = BrokerChannels.EntityNames.Keys.ToDictionary(t => t.FullName!, t => t);

    private readonly ConcurrentDictionary<string, string> _unpublishable = new();
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;
    private DateTimeOffset _lastBacklog = DateTimeOffset.MinValue;

    /// <summary>The store's schema name (<c>coordinator</c>, <c>transactions</c>): the <c>store</c> label of its metrics.</summary>
    public string Store => store.Database.Schema;

    /// <summary>Rows this process found it cannot publish (each counted once), by message id → why.</summary>
    public IReadOnlyDictionary<string, string> UnpublishableRows => _unpublishable;

    /// <summary>
    /// Publishes one batch (claimed by this dispatcher when claims are on) and returns how many rows it handled
    /// (published, or found unpublishable). Throws when a publish fails or times out; rows published before stay sent.
    /// </summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        var owner = settings.ClaimOwner;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var until = now + (long)settings.ClaimDuration.TotalMilliseconds;
        var skipped = _unpublishable.Keys.ToList();
        await using var context = store.Open();
        var open = context.Outbox.Where(o => o.SentAt == null && !skipped.Contains(o.MessageId));
        if (owner is not null)
        {
            open = open.Where(o => o.ClaimedUntil == null || o.ClaimedUntil < now || o.ClaimedBy == owner);
        }

        var candidates = await open.OrderBy(o => o.Sequence).Select(o => o.MessageId).Take(settings.BatchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        if (owner is not null)
        {
            await open.Where(o => candidates.Contains(o.MessageId))
                .ExecuteUpdateAsync(o => o.SetProperty(x => x.ClaimedBy, owner).SetProperty(x => x.ClaimedUntil, until), cancellationToken);
        }

        var pending = await context.Outbox
            .Where(o => candidates.Contains(o.MessageId) && o.SentAt == null && (owner == null || o.ClaimedBy == owner))
            .OrderBy(o => o.Sequence).ToListAsync(cancellationToken);
        foreach (var record in pending)
        {
            if (Read(record) is not { } message)
            {
                continue;
            }

            var messageId = Guid.Parse(record.MessageId);
            // Published under the span that wrote the row: MassTransit's publish span, and the consumers' spans after
            // it, continue that trace (the row may be published long after, by another process).
            using var span = TraceParent.StartUnder(ActivitySources.Outbox, "outbox publish", ActivityKind.Internal, record.TraceParent, [new("messaging.message.id", record.MessageId), new("mpcwallet.message_type", message.Type.Name)]);
            await publisher.PublishWithin(message.Value, message.Type, Pipe.Execute<PublishContext>(c => c.MessageId = messageId), settings.PublishTimeout, cancellationToken);
            record.SentAt = DateTimeOffset.UtcNow;
            await context.SaveChangesAsync(cancellationToken);
        }

        return pending.Count;
    }

    /// <summary>
    /// Counts the rows not yet published and the age of the oldest, and sets the backlog gauges
    /// (<see cref="OutboxMetrics"/>) to them; the dispatcher does this every few seconds by itself.
    /// </summary>
    public async Task<OutboxBacklog> ReadBacklogAsync(CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        var unsent = context.Outbox.Where(o => o.SentAt == null);
        var rows = await unsent.LongCountAsync(cancellationToken);
        var oldest = rows == 0 ? null : await unsent.OrderBy(o => o.Sequence).Select(o => (DateTimeOffset?)o.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var age = oldest is { } created ? Math.Max(0, (DateTimeOffset.UtcNow - created).TotalSeconds) : 0;
        OutboxMetrics.BacklogRows.WithLabels(Store).Set(rows);
        OutboxMetrics.OldestUnsentAge.WithLabels(Store).Set(age);
        return new OutboxBacklog(Store, rows, oldest, _unpublishable.Count);
    }

    /// <summary>Deletes sent rows older than the retention (by sequence: UTC ticks, which every provider compares natively).</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = (DateTimeOffset.UtcNow - settings.Retention).UtcTicks;
        await using var context = store.Open();
        return await context.Outbox.Where(o => o.SentAt != null && o.Sequence < before).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The store's series exist from the start (0), so an alert on them never refers to nothing.
        OutboxMetrics.UnpublishableRows.WithLabels(Store);
        try
        {
            await store.MigrateAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                // Taken before looking, so a commit while this batch runs wakes the next round at once.
                var committed = store.OutboxCommitted.Next;
                try
                {
                    while (await DispatchPendingAsync(stoppingToken) > 0)
                    {
                    }

                    if (DateTimeOffset.UtcNow - _lastBacklog > BacklogInterval)
                    {
                        _lastBacklog = DateTimeOffset.UtcNow;
                        await ReadBacklogAsync(stoppingToken);
                    }

                    if (DateTimeOffset.UtcNow - _lastPrune > settings.PruneInterval)
                    {
                        _lastPrune = DateTimeOffset.UtcNow;
                        await PruneAsync(stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(store.Database.Schema, e.Message);
                }

                await Task.WhenAny(committed, Task.Delay(settings.PollInterval, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private (object Value, Type Type)? Read(OutboxRecord record)
    {
        string reason;
        if (!Known.TryGetValue(record.MessageType, out var type))
        {
            reason = $"unknown message type {record.MessageType}";
        }
        else if (!Guid.TryParse(record.MessageId, out _))
        {
            reason = "its message id is not a GUID";
        }
        else
        {
            try
            {
                if (JsonSerializer.Deserialize(record.Payload, type) is { } message)
                {
                    return (message, type);
                }

                reason = "its payload is null";
            }
            catch (JsonException e)
            {
                reason = "its payload cannot be read: " + e.Message;
            }
        }

        if (_unpublishable.TryAdd(record.MessageId, reason))
        {
            OutboxMetrics.UnpublishableRows.WithLabels(Store).Inc();
            LogUnpublishable(store.Database.Schema, record.MessageId, reason);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "outbox of {Store}: message {MessageId} cannot be published ({Reason}); left unsent for an operator")]
    private partial void LogUnpublishable(string store, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "outbox of {Store}: publishing failed, retrying: {Error}")]
    private partial void LogFailed(string store, string error);
}
