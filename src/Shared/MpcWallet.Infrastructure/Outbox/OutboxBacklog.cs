namespace MpcWallet.Infrastructure.Outbox;

/// <summary>
/// A module's outbox now: rows committed and not yet published, when the oldest of them was committed, and how many
/// this process found it cannot publish (left for an operator).
/// </summary>
public sealed record OutboxBacklog(string Store, long UnsentRows, DateTimeOffset? OldestUnsentAt, int UnpublishableRows);
