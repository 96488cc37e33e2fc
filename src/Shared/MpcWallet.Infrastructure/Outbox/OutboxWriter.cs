using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Infrastructure.Telemetry;

namespace MpcWallet.Infrastructure.Outbox;

/// <summary>
/// Adds a message to a module's outbox through the module's own context: it commits (or not) with the context's
/// other changes. After the commit, pulse <see cref="ModuleStore{TContext}.OutboxCommitted"/> to publish at once.
/// </summary>
public static class OutboxWriter
{
    /// <param name="messageId">The message's own <c>MessageId</c>: it is published with this id.</param>
    public static void Add<TContext, TMessage>(TContext context, ModuleStore<TContext> store, Guid messageId, TMessage message)
        where TContext : DbContext, IOutboxContext
        where TMessage : class =>
        context.Outbox.Add(new OutboxRecord
        {
            MessageId = messageId.ToString(),
            MessageType = typeof(TMessage).FullName!,
            Payload = JsonSerializer.Serialize(message),
            Sequence = store.NextSequence(),
            CreatedAt = DateTimeOffset.UtcNow,
            TraceParent = TraceParent.Current(),
        });
}
