using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Transactions.Persistence;

/// <summary>
/// Opens the module's store, applies its schema once, and runs every state change as one unit: one database
/// transaction holding the change, its audit entries and its outbox messages. Units are serialised in process
/// (one module instance manages a sender, see README), and the nonce version, the unique nonce index and the audit
/// sequence key catch a second writer.
/// </summary>
internal sealed class TransactionsStore(ModuleDatabase database) : IDisposable
{
    private readonly DbContextOptions<TransactionsDbContext> _options = Build(database);
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lock _migrationLock = new();
    private Task? _migration;
    private long _lastSequence;

    public ModuleDatabase Database { get; } = database;

    /// <summary>Raised after a unit that queued outbox messages committed.</summary>
    public event Action? OutboxWritten;

    public Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        lock (_migrationLock)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = MigrateAsync(cancellationToken);
            }

            return _migration;
        }
    }

    public async Task<TransactionsDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken);
        return new TransactionsDbContext(_options, Database);
    }

    /// <summary>Runs <paramref name="work"/> in one serialised database transaction and commits it (the unit saves its own changes).</summary>
    public async Task<T> WriteAsync<T>(Func<UnitOfWork, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken);
        await _writer.WaitAsync(cancellationToken);
        bool outbox;
        T result;
        try
        {
            await using var context = new TransactionsDbContext(_options, Database);
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var unit = new UnitOfWork(context, this);
            result = await work(unit);
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox = unit.WroteOutbox;
        }
        finally
        {
            _writer.Release();
        }

        if (outbox)
        {
            OutboxWritten?.Invoke();
        }

        return result;
    }

    public Task WriteAsync(Func<UnitOfWork, Task> work, CancellationToken cancellationToken) =>
        WriteAsync<bool>(async unit =>
        {
            await work(unit);
            return true;
        }, cancellationToken);

    /// <summary>A strictly increasing number (time based, so it keeps increasing across restarts).</summary>
    public long NextSequence()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastSequence);
            var next = Math.Max(last + 1, DateTime.UtcNow.Ticks);
            if (Interlocked.CompareExchange(ref _lastSequence, next, last) == last)
            {
                return next;
            }
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var context = new TransactionsDbContext(_options, Database);
        await SchemaMigrator.ApplyAsync(context, Database, typeof(TransactionsStore).Assembly, cancellationToken);
        if (Database.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging: readers (API, tracker) never wait for the writer, and a commit appends instead of rewriting pages.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        var last = Math.Max(
            await context.Transactions.Select(t => (long?)t.Sequence).MaxAsync(cancellationToken) ?? 0,
            await context.Outbox.Select(o => (long?)o.Sequence).MaxAsync(cancellationToken) ?? 0);
        Interlocked.Exchange(ref _lastSequence, Math.Max(Interlocked.Read(ref _lastSequence), last));
    }

    public void Dispose() => _writer.Dispose();

    private static DbContextOptions<TransactionsDbContext> Build(ModuleDatabase database)
    {
        var builder = new DbContextOptionsBuilder<TransactionsDbContext>();
        database.Configure(builder);
        return builder.Options;
    }
}
