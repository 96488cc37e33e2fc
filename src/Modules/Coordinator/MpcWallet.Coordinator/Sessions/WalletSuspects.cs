using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// Holders of a wallet that a participant banned after a failed protocol check (a selective-failure probe, findings
/// H3/L4), remembered in the store across requests and coordinators: every later quorum of the wallet leaves them out
/// (<see cref="SigningQuorum"/>), so a cheating node gets one probe per wallet, not one per request. Lifted only when
/// a refresh renews the wallet's OT setup (<see cref="LiftAsync"/>, called by the refresh path).
/// </summary>
internal sealed class WalletSuspects(CoordinatorStore store, TimeProvider time)
{
    /// <summary>The wallet's holders excluded from its quorums.</summary>
    public async Task<IReadOnlySet<string>> ExcludedAsync(string walletId, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        var nodes = await context.WalletSuspects.AsNoTracking().Where(s => s.WalletId == walletId).Select(s => s.Node).ToListAsync(cancellationToken);
        return nodes.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Records a suspect (once per wallet and node; a second report keeps the first).</summary>
    public async Task RecordAsync(string walletId, long keyVersion, string node, string reason, string sessionId, CancellationToken cancellationToken)
    {
        await using (var context = store.Open())
        {
            if (await context.WalletSuspects.AnyAsync(s => s.WalletId == walletId && s.Node == node, cancellationToken))
            {
                return;
            }

            context.WalletSuspects.Add(new WalletSuspectRecord
            {
                WalletId = walletId,
                Node = node,
                KeyVersion = keyVersion,
                Reason = reason.Length > 500 ? reason[..500] : reason,
                SessionId = sessionId,
                SuspectedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            });
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException)
            {
                // Possibly recorded concurrently by another coordinator: decided below.
            }
        }

        await using var again = store.Open();
        if (!await again.WalletSuspects.AnyAsync(s => s.WalletId == walletId && s.Node == node, cancellationToken))
        {
            throw new InvalidOperationException($"recording {node} as a suspect of wallet {walletId} failed");
        }
    }

    /// <summary>
    /// A refresh renewed the wallet's OT setup (every pair gets a new Δ) and produced <paramref name="renewedKeyVersion"/>:
    /// suspects recorded against older key versions are lifted. Returns how many. The refresh path (key lifecycle,
    /// issue 12) calls this once the new key version is active; a node banned again after a refresh should be
    /// removed from the key by resharing, not refreshed forever (docs/engine-signing.md §4.1).
    /// </summary>
    public async Task<int> LiftAsync(string walletId, long renewedKeyVersion, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        return await context.WalletSuspects.Where(s => s.WalletId == walletId && s.KeyVersion < renewedKeyVersion).ExecuteDeleteAsync(cancellationToken);
    }
}
