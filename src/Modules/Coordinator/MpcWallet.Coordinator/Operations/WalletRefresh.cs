using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Contracts.Events;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Wallets;
using MpcWallet.Infrastructure.Outbox;

namespace MpcWallet.Coordinator.Operations;

/// <summary>
/// Ends a refresh session once every holder reported its stored share (docs/design-lifecycle.md, "Generations"): when
/// all reported the same key id, the wallet's public key and chain code, and the operation's key version, the switch
/// runs — the wallet's ONE conditional update <c>key_version = g+1 WHERE key_version = g</c>, in one transaction with
/// the session's end, the operation's completion, the lifting of suspects recorded against older key versions (the
/// refresh renewed every pair's OT setup) and the <c>WalletRefreshed</c> outbox row. Until that commit every signing
/// command names g; after it, g+1.
/// </summary>
internal sealed class WalletRefresh(CoordinatorStore store, SessionLedger ledger) : ISessionResultHandler
{
    public SessionPurpose Purpose => SessionPurpose.Refresh;

    public async Task<SessionOutcome> CompleteAsync(SessionRecord session, IReadOnlyList<SessionReportRecord> reports, CancellationToken cancellationToken)
    {
        OperationRecord? operation;
        WalletRecord? wallet;
        await using (var context = store.Open())
        {
            operation = await context.Operations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == session.ResourceId, cancellationToken);
            wallet = operation is null ? null : await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == operation.WalletId, cancellationToken);
        }

        if (operation is not { Status: OperationStatus.Pending } || wallet is not { Status: WalletStatus.Active, PublicKey: not null, ChainCode: not null })
        {
            return await ledger.FailAsync(session.Id, SessionOutcome.Failed("the session's operation is no longer pending, or its wallet not active"), cancellationToken);
        }

        if (Mismatch(reports, operation, wallet) is { } mismatch)
        {
            return await ledger.FailAsync(session.Id, SessionOutcome.Failed(mismatch), cancellationToken);
        }

        var previous = operation.KeyVersion - 1;
        var at = DateTimeOffset.UtcNow;
        return await ledger.CompleteAsync(session.Id, async (context, ct) =>
        {
            var completed = await context.Operations
                .Where(o => o.Id == operation.Id && o.Status == OperationStatus.Pending)
                .ExecuteUpdateAsync(o => o.SetProperty(x => x.Status, OperationStatus.Completed).SetProperty(x => x.CompletedAt, at).SetProperty(x => x.Error, (string?)null).SetProperty(x => x.Owner, (string?)null).SetProperty(x => x.LeaseUntil, (long?)null), ct);
            if (completed == 0)
            {
                return false;
            }

            // The switch. Only one operation per wallet is pending, so nothing else moves key_version meanwhile; a
            // miss would mean the store was changed behind the coordinator's back: roll everything back.
            var switched = await context.Wallets
                .Where(w => w.Id == wallet.Id && w.Status == WalletStatus.Active && w.KeyVersion == previous)
                .ExecuteUpdateAsync(w => w.SetProperty(x => x.KeyVersion, operation.KeyVersion), ct);
            if (switched != 1)
            {
                throw new InvalidOperationException($"wallet {wallet.Id} is no longer at key version {previous}; refresh {operation.Id} not applied");
            }

            await context.WalletSuspects.Where(s => s.WalletId == wallet.Id && s.KeyVersion < operation.KeyVersion).ExecuteDeleteAsync(ct);
            var id = NewId.NextGuid();
            OutboxWriter.Add(context, store, id, new WalletRefreshed
            {
                MessageId = id,
                WalletId = wallet.Id,
                Tenant = wallet.Tenant,
                OperationId = operation.Id,
                Generation = WalletRecord.GenerationOf(operation.KeyVersion),
                PublicKey = wallet.PublicKey,
                Address = wallet.Address ?? "",
                At = at,
            });
            return true;
        }, cancellationToken);
    }

    /// <summary>Why the reports do not describe the operation's new generation of the wallet's key, or null.</summary>
    private static string? Mismatch(IReadOnlyList<SessionReportRecord> reports, OperationRecord operation, WalletRecord wallet)
    {
        var keys = reports.Select(r => JsonSerializer.Deserialize<WalletActivation.KeyReport>(r.Payload)).ToArray();
        var first = keys[0];
        if (first is null || keys.Any(k => k != first))
        {
            return "the holders reported different keys";
        }

        if (first.WalletId != wallet.Id || !string.Equals("0x" + first.PublicKey, wallet.PublicKey, StringComparison.OrdinalIgnoreCase) || !string.Equals("0x" + first.ChainCode, wallet.ChainCode, StringComparison.OrdinalIgnoreCase))
        {
            return "the holders reported a key that is not the wallet's";
        }

        return first.KeyVersion != operation.KeyVersion || wallet.KeyVersion != operation.KeyVersion - 1
            ? $"the holders reported key version {first.KeyVersion}; the wallet is at {wallet.KeyVersion} and the refresh produces {operation.KeyVersion}"
            : null;
    }
}
