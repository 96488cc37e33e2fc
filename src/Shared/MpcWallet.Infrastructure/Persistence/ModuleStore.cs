using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Outbox;

namespace MpcWallet.Infrastructure.Persistence;

/// <summary>
/// The base of a module's store: opens its contexts, applies its versioned schema once per process
/// (<see cref="SchemaMigrator"/>, under a PostgreSQL advisory lock so several processes on one store apply it once),
/// hands out strictly increasing sequence numbers, and carries the signal that wakes the module's outbox dispatcher.
/// A module derives its store from it and adds only what is its own (units of work, queries). The schema scripts are
/// the ones embedded in the derived store's assembly.
/// </summary>
public abstract class ModuleStore<TContext>
    where TContext : DbContext
{
    private readonly DbContextOptions<TContext> _options;
    private readonly SequenceClock _sequences = new();
    private readonly Lock _migrationLock = new();
    private Task? _migration;

    protected ModuleStore(ModuleDatabase database)
    {
        Database = database;
        var builder = new DbContextOptionsBuilder<TContext>();
        database.Configure(builder);
        _options = builder.Options;
    }

    public ModuleDatabase Database { get; }

    /// <summary>Pulsed after this process committed outbox rows: the dispatcher publishes them at once.</summary>
    public CommitSignal OutboxCommitted { get; } = new();

    /// <summary>A context on the store; the schema must have been applied (see <see cref="MigrateAsync"/>, <see cref="OpenAsync"/>).</summary>
    public TContext Open() => Create(_options);

    /// <summary>A context, once the schema is applied (for work that may run before the migration's hosted service).</summary>
    public async Task<TContext> OpenAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return Open();
    }

    /// <summary>
    /// Applies the schema once: every caller awaits the same migration; a failed or cancelled one is tried again by
    /// the next caller.
    /// </summary>
    public Task MigrateAsync(CancellationToken cancellationToken)
    {
        lock (_migrationLock)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                // Not tied to one caller's token: a caller giving up must not cancel the migration for the others.
                _migration = ApplyAsync();
            }

            return _migration.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A strictly increasing number (time based, above everything already stored).</summary>
    public long NextSequence() => _sequences.Next();

    protected abstract TContext Create(DbContextOptions<TContext> options);

    /// <summary>The highest sequence the module's own tables hold (the outbox's is taken into account already).</summary>
    protected virtual Task<long> HighestSequenceAsync(TContext context, CancellationToken cancellationToken) => Task.FromResult(0L);

    private async Task ApplyAsync()
    {
        await using var context = Open();
        await SchemaMigrator.ApplyAsync(context, Database, GetType().Assembly, CancellationToken.None);
        var highest = await HighestSequenceAsync(context, CancellationToken.None);
        if (context is IOutboxContext outbox)
        {
            highest = Math.Max(highest, await outbox.Outbox.Select(o => (long?)o.Sequence).MaxAsync() ?? 0);
        }

        _sequences.AtLeast(highest);
    }
}
