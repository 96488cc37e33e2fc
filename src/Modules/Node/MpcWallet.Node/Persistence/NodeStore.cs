using Microsoft.EntityFrameworkCore;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Node.Persistence;

/// <summary>
/// One node's store (every node in a process has its own; schema from <see cref="ModuleStore{TContext}"/>, applied
/// when the node starts) and the node's queries on it.
/// </summary>
internal sealed class NodeStore(ModuleDatabase database) : ModuleStore<NodeDbContext>(database)
{
    public async Task<byte[]?> GetSettingAsync(string name, CancellationToken cancellationToken)
    {
        await using var context = Open();
        return (await context.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, cancellationToken))?.Value;
    }

    public async Task SetSettingAsync(string name, byte[] value, CancellationToken cancellationToken)
    {
        await using var context = Open();
        context.Settings.Add(new NodeSettingRecord { Name = name, Value = value });
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>, or removes it when <paramref name="value"/> is null.</summary>
    public async Task ReplaceSettingAsync(string name, byte[]? value, CancellationToken cancellationToken)
    {
        await using var context = Open();
        var existing = await context.Settings.FirstOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (existing is not null)
        {
            context.Settings.Remove(existing);
        }

        if (value is not null)
        {
            context.Settings.Add(new NodeSettingRecord { Name = name, Value = value });
        }

        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> IsFinishedAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var context = Open();
        return await context.FinishedSessions.AnyAsync(s => s.SessionId == sessionId, cancellationToken);
    }

    public async Task MarkFinishedAsync(string sessionId, string kind, string outcome, CancellationToken cancellationToken)
    {
        await using var context = Open();
        var existing = await context.FinishedSessions.FirstOrDefaultAsync(s => s.SessionId == sessionId, cancellationToken);
        if (existing is null)
        {
            context.FinishedSessions.Add(new FinishedSessionRecord { SessionId = sessionId, Kind = kind, Outcome = outcome, FinishedAt = DateTimeOffset.UtcNow });
        }
        else
        {
            existing.Outcome = outcome;
            existing.FinishedAt = DateTimeOffset.UtcNow;
        }

        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<BannedPeerRecord>> BansAsync(string walletId, CancellationToken cancellationToken)
    {
        await using var context = Open();
        return await context.BannedPeers.AsNoTracking().Where(b => b.WalletId == walletId).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<BannedPeerRecord>> AllBansAsync(CancellationToken cancellationToken)
    {
        await using var context = Open();
        return await context.BannedPeers.AsNoTracking().ToListAsync(cancellationToken);
    }

    public async Task BanAsync(BannedPeerRecord ban, CancellationToken cancellationToken)
    {
        await using var context = Open();
        if (!await context.BannedPeers.AnyAsync(b => b.WalletId == ban.WalletId && b.PeerNode == ban.PeerNode, cancellationToken))
        {
            context.BannedPeers.Add(ban);
            await context.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task SaveShareAsync(KeyShareRecord share, CancellationToken cancellationToken)
    {
        await using var context = Open();
        context.KeyShares.Add(share);
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Stores a refresh's result as pending, replacing a pending share of the same generation left by an earlier
    /// attempt; a committed share of that generation is never replaced (the attempt is refused).
    /// </summary>
    public async Task SavePendingShareAsync(KeyShareRecord share, CancellationToken cancellationToken)
    {
        await using var context = Open();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var existing = await context.KeyShares.FirstOrDefaultAsync(s => s.WalletId == share.WalletId && s.KeyVersion == share.KeyVersion, cancellationToken);
        if (existing is { Status: not ShareStatus.Pending })
        {
            throw new InvalidOperationException($"generation {share.KeyVersion} of wallet {share.WalletId} is already committed here; a refresh never replaces it");
        }

        if (existing is not null)
        {
            context.KeyShares.Remove(existing);
            await context.SaveChangesAsync(cancellationToken);
        }

        share.Status = ShareStatus.Pending;
        context.KeyShares.Add(share);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Marks the wallet's share of <paramref name="keyVersion"/> committed and erases every older share of the wallet,
    /// in one transaction. Held = false (and nothing erased) when this node has no share of that generation.
    /// </summary>
    public async Task<(bool Held, int Erased)> CommitAsync(string walletId, long keyVersion, CancellationToken cancellationToken)
    {
        await using var context = Open();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var held = await context.KeyShares.Where(s => s.WalletId == walletId && s.KeyVersion == keyVersion)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ShareStatus.Committed), cancellationToken);
        if (held == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (false, 0);
        }

        var erased = await context.KeyShares.Where(s => s.WalletId == walletId && s.KeyVersion < keyVersion).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (true, erased);
    }

    /// <summary>The newest committed generation of the wallet held here, or null.</summary>
    public async Task<long?> NewestCommittedAsync(string walletId, CancellationToken cancellationToken)
    {
        await using var context = Open();
        return await context.KeyShares.Where(s => s.WalletId == walletId && s.Status == ShareStatus.Committed).MaxAsync(s => (long?)s.KeyVersion, cancellationToken);
    }

    public async Task<KeyShareRecord?> ShareAsync(string walletId, long keyVersion, CancellationToken cancellationToken)
    {
        await using var context = Open();
        return await context.KeyShares.AsNoTracking().FirstOrDefaultAsync(s => s.WalletId == walletId && s.KeyVersion == keyVersion, cancellationToken);
    }

    public async Task<IReadOnlyList<(string WalletId, long KeyVersion)>> HeldKeysAsync(CancellationToken cancellationToken)
    {
        await using var context = Open();
        var rows = await context.KeyShares.AsNoTracking().Select(s => new { s.WalletId, s.KeyVersion }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.WalletId, r.KeyVersion)).ToArray();
    }

    protected override NodeDbContext Create(DbContextOptions<NodeDbContext> options) => new(options, Database);
}
