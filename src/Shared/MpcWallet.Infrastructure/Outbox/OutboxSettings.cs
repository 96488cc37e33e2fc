using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Infrastructure.Outbox;

/// <summary>How one module's outbox dispatcher works.</summary>
public sealed record OutboxSettings
{
    /// <summary>
    /// The name this dispatcher claims rows under before publishing them, or null for no claims (the store has one
    /// dispatcher: a SQLite file belongs to one process). With several processes on one PostgreSQL store, claims keep
    /// two dispatchers from publishing the same row.
    /// </summary>
    public string? ClaimOwner { get; init; }

    /// <summary>How long a claim holds; a dispatcher that died mid-batch leaves its rows to others after it.</summary>
    public TimeSpan ClaimDuration { get; init; } = TimeSpan.FromSeconds(10);

    public int BatchSize { get; init; } = 100;

    /// <summary>How often the outbox is looked at when no commit of this process signalled it (rows from another process, a failed publish).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Bound on one publish: with publisher confirms a publish across a broker restart was seen to wait on the dead
    /// channel indefinitely, which stalled the whole outbox. Timed out, it fails and is tried again.
    /// </summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Sent rows older than this are deleted.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Claims on a store several processes may share (PostgreSQL), none on a SQLite file.</summary>
    /// <param name="instance">A stable name of this process (e.g. the coordinator instance id); a random one per start otherwise.</param>
    public static OutboxSettings For(ModuleDatabase database, string? instance = null) => new()
    {
        ClaimOwner = database.Provider == DatabaseProvider.Sqlite ? null : instance ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}",
    };
}
