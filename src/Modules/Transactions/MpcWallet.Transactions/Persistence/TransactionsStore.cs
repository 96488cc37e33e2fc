using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Transactions.Persistence;

/// <summary>
/// The module's store (schema, sequences and outbox signal from <see cref="ModuleStore{TContext}"/>), running every
/// state change as one unit: one database transaction holding the change, its audit entries and its outbox messages.
/// Units are serialised in process (one module instance manages a sender, see README), and the nonce version, the
/// unique nonce index and the audit sequence key catch a second writer.
/// </summary>
internal sealed class TransactionsStore(ModuleDatabase database) : ModuleStore<TransactionsDbContext>(database), IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Pulsed after a unit that changed a transaction's status committed (answers <c>Prefer: wait</c> at once).</summary>
    public CommitSignal StatusCommitted { get; } = new();

    /// <summary>Runs <paramref name="work"/> in one serialised database transaction and commits it (the unit saves its own changes).</summary>
    public async Task<T> WriteAsync<T>(Func<UnitOfWork, Task<T>> work, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        await _writer.WaitAsync(cancellationToken);
        UnitOfWork unit;
        T result;
        try
        {
            await using var context = Open();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            unit = new UnitOfWork(context, this);
            result = await work(unit);
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _writer.Release();
        }

        if (unit.WroteOutbox)
        {
            // Every status change publishes its event, so this also covers final states.
            OutboxCommitted.Notify();
            StatusCommitted.Notify();
        }

        return result;
    }

    public Task WriteAsync(Func<UnitOfWork, Task> work, CancellationToken cancellationToken) =>
        WriteAsync<bool>(async unit =>
        {
            await work(unit);
            return true;
        }, cancellationToken);

    /// <summary>The wallet as the tenant sees it: null when it is unknown here or belongs to another tenant (both answer 404).</summary>
    public async Task<WalletRecord?> FindWalletAsync(string id, string tenant, CancellationToken cancellationToken)
    {
        await using var context = await OpenAsync(cancellationToken);
        var wallet = await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        return wallet is not null && wallet.Tenant == tenant ? wallet : null;
    }

    public void Dispose() => _writer.Dispose();

    protected override TransactionsDbContext Create(DbContextOptions<TransactionsDbContext> options) => new(options, Database);

    protected override async Task<long> HighestSequenceAsync(TransactionsDbContext context, CancellationToken cancellationToken) =>
        await context.Transactions.Select(t => (long?)t.Sequence).MaxAsync(cancellationToken) ?? 0;
}
