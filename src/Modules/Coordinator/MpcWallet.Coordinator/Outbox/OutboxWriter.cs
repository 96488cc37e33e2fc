using System.Text.Json;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Outbox;

/// <summary>Adds messages to the outbox of a context; they commit (or not) with the context's other changes.</summary>
internal static class OutboxWriter
{
    public static void Add<T>(CoordinatorDbContext context, CoordinatorStore store, Guid messageId, T message)
        where T : class =>
        context.Outbox.Add(new OutboxRecord
        {
            MessageId = messageId.ToString(),
            MessageType = typeof(T).FullName!,
            Payload = JsonSerializer.Serialize(message),
            Sequence = store.NextSequence(),
            CreatedAt = DateTimeOffset.UtcNow,
        });
}
