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

    /// <summary>
    /// Rollback protection: raises the highest manifest version recorded for <paramref name="clusterId"/> to
    /// <paramref name="version"/> when it is lower (or absent), atomically, so instances starting together on a shared
    /// store never lower it. Returns the highest recorded before, or null when none was; a caller given a value above
    /// <paramref name="version"/> must refuse the manifest.
    /// </summary>
    public async Task<long?> RaiseManifestVersionAsync(string clusterId, long version, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var context = Open();
            var highest = await context.ManifestVersions.Where(m => m.ClusterId == clusterId).Select(m => (long?)m.Highest).FirstOrDefaultAsync(cancellationToken);
            if (highest is { } recorded)
            {
                if (recorded < version)
                {
                    // Only ever raised: a concurrent raise to a higher version wins, this update then changes nothing.
                    await context.ManifestVersions.Where(m => m.ClusterId == clusterId && m.Highest < version)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.Highest, version), cancellationToken);
                }

                return recorded;
            }

            context.ManifestVersions.Add(new ManifestVersionRecord { ClusterId = clusterId, Highest = version });
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                return null;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another instance inserted the row first: read it again.
            }
        }
    }

    protected override CoordinatorDbContext Create(DbContextOptions<CoordinatorDbContext> options) => new(options, Database);

    protected override async Task<long> HighestSequenceAsync(CoordinatorDbContext context, CancellationToken cancellationToken) =>
        await context.Wallets.Select(w => (long?)w.Sequence).MaxAsync(cancellationToken) ?? 0;
}
