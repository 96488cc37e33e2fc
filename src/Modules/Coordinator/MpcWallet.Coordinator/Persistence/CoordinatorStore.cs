using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Coordinator.Persistence;

/// <summary>The coordinator's store (schema, sequences and outbox signal from <see cref="ModuleStore{TContext}"/>).</summary>
internal sealed class CoordinatorStore(ModuleDatabase database) : ModuleStore<CoordinatorDbContext>(database)
{
    /// <summary>Pulsed after a wallet or signature reaches a final state in this process (answers <c>Prefer: wait</c> at once).</summary>
    public CommitSignal FinalStateCommitted { get; } = new();

    /// <summary>One wallet as stored (any tenant, any status), or null; on a context of its own.</summary>
    public async Task<WalletRecord?> LoadWalletAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = Open();
        return await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
    }

    protected override CoordinatorDbContext Create(DbContextOptions<CoordinatorDbContext> options) => new(options, Database);

    protected override async Task<long> HighestSequenceAsync(CoordinatorDbContext context, CancellationToken cancellationToken) =>
        await context.Wallets.Select(w => (long?)w.Sequence).MaxAsync(cancellationToken) ?? 0;
}
