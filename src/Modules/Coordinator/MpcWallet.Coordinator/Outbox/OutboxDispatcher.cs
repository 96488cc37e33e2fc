using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Coordinator.Outbox;

/// <summary>
/// Publishes committed outbox messages in order, with their original message id (consumers deduplicate by it), and
/// marks them sent. Runs on a short poll; unsent messages from before a restart go out on start. With several
/// coordinators on one store, a dispatcher first claims a batch (conditional update, short claim), so two do not
/// publish the same row; a dispatcher dying between publish and marking sent leaves the row to be published again
/// after the claim expires (at least once, same message id).
/// </summary>
internal sealed partial class OutboxDispatcher(CoordinatorStore store, IBus bus, CoordinatorOptions options, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromSeconds(10);

    private static readonly Dictionary<string, Type> Types = BrokerChannels.EntityNames.Keys.ToDictionary(t => t.FullName!, t => t);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Wakes the dispatcher now instead of at the next poll.</summary>
    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Publishes one batch claimed by this dispatcher; returns how many it published.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        var me = options.InstanceId;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var until = now + (long)ClaimDuration.TotalMilliseconds;
        await using var context = store.Open();
        var candidates = await context.Outbox
            .Where(o => o.SentAt == null && (o.ClaimedUntil == null || o.ClaimedUntil < now || o.ClaimedBy == me))
            .OrderBy(o => o.Sequence).Select(o => o.MessageId).Take(100).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        // A SQLite file has one coordinator, hence one dispatcher: nothing to claim against.
        var shared = store.Database.Provider != DatabaseProvider.Sqlite;
        if (shared)
        {
            await context.Outbox
                .Where(o => candidates.Contains(o.MessageId) && o.SentAt == null && (o.ClaimedUntil == null || o.ClaimedUntil < now || o.ClaimedBy == me))
                .ExecuteUpdateAsync(o => o.SetProperty(x => x.ClaimedBy, me).SetProperty(x => x.ClaimedUntil, until), cancellationToken);
        }

        var pending = await context.Outbox
            .Where(o => candidates.Contains(o.MessageId) && o.SentAt == null && (!shared || o.ClaimedBy == me))
            .OrderBy(o => o.Sequence).ToListAsync(cancellationToken);
        foreach (var record in pending)
        {
            if (!Types.TryGetValue(record.MessageType, out var type))
            {
                LogUnknownType(record.MessageId, record.MessageType);
                record.SentAt = DateTimeOffset.UtcNow;
                continue;
            }

            var message = JsonSerializer.Deserialize(record.Payload, type)!;
            var messageId = Guid.Parse(record.MessageId);
            // Bounded: a publish hung across a broker restart would stop the outbox for good; failed, it is retried.
            await bus.PublishWithin(message, type, Pipe.Execute<PublishContext>(c => c.MessageId = messageId), PublishTimeout, cancellationToken);
            record.SentAt = DateTimeOffset.UtcNow;
            await context.SaveChangesAsync(cancellationToken);
        }

        await context.SaveChangesAsync(cancellationToken);
        return pending.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchPendingAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e.Message);
            }

            await _signal.WaitAsync(TimeSpan.FromMilliseconds(500), stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "outbox message {MessageId} has an unknown type {Type}; skipped")]
    private partial void LogUnknownType(string messageId, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "publishing the outbox failed, retrying: {Error}")]
    private partial void LogFailed(string error);
}
