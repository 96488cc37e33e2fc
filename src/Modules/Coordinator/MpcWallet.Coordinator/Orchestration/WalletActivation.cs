using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Coordinator.Outbox;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Ethereum.Addresses;

namespace MpcWallet.Coordinator.Orchestration;

/// <summary>
/// Ends a key-generation session once every participant reported: the wallet becomes active if all reported the
/// same public key, key id, chain code and key version. Session end, wallet activation (creating → active) and the
/// <c>WalletCreated</c> outbox message commit together, each conditional, so a wallet is activated once.
/// </summary>
internal sealed class WalletActivation(CoordinatorStore store, SessionLedger ledger, OutboxDispatcher outbox)
{
    /// <summary>The public part of a node's key-generation report, as stored per (session, node).</summary>
    public static string Payload(KeyShareStored report) =>
        JsonSerializer.Serialize(new KeyReport(report.PublicKey, report.KeyId, report.ChainCode, report.KeyVersion));

    public async Task<SessionOutcome> ActivateAsync(SessionRecord session, IReadOnlyList<SessionReportRecord> reports, CancellationToken cancellationToken)
    {
        var keys = reports.Select(r => JsonSerializer.Deserialize<KeyReport>(r.Payload)).ToArray();
        var first = keys[0];
        if (first is null || keys.Any(k => k != first) || !IsHex(first.PublicKey) || !IsHex(first.ChainCode))
        {
            return await ledger.FailAsync(session.Id, SessionOutcome.Failed("the nodes reported different keys"), cancellationToken);
        }

        var publicKey = "0x" + first.PublicKey;
        var chainCode = "0x" + first.ChainCode;
        var address = EthereumAddress.FromPublicKey(Convert.FromHexString(first.PublicKey)).ToString();
        var nodes = session.Participants;
        bool published;
        await using (var context = store.Open())
        {
            var wallet = await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == session.ResourceId, cancellationToken);
            if (wallet is null)
            {
                return await ledger.FailAsync(session.Id, SessionOutcome.Failed("the session's wallet is missing"), cancellationToken);
            }

            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var ended = await context.Sessions
                .Where(x => x.Id == session.Id && x.Status == SessionStatus.Running)
                .ExecuteUpdateAsync(x => x.SetProperty(p => p.Status, SessionStatus.Completed), cancellationToken);
            if (ended == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await ledger.OutcomeAsync(session.Id, cancellationToken) ?? SessionOutcome.Failed("the session ended meanwhile");
            }

            var won = await context.Wallets
                .Where(x => x.Id == wallet.Id && x.Status == WalletStatus.Creating)
                .ExecuteUpdateAsync(
                    x => x.SetProperty(p => p.Status, WalletStatus.Active)
                        .SetProperty(p => p.PublicKey, publicKey)
                        .SetProperty(p => p.ChainCode, chainCode)
                        .SetProperty(p => p.KeyVersion, (long)first.KeyVersion)
                        .SetProperty(p => p.Address, address)
                        .SetProperty(p => p.Nodes, nodes)
                        .SetProperty(p => p.Error, (string?)null)
                        .SetProperty(p => p.Owner, (string?)null)
                        .SetProperty(p => p.LeaseUntil, (long?)null),
                    cancellationToken);
            published = won == 1;
            if (published)
            {
                var id = NewId.NextGuid();
                OutboxWriter.Add(context, store, id, new WalletCreated
                {
                    MessageId = id,
                    WalletId = wallet.Id,
                    Tenant = wallet.Tenant,
                    PublicKey = publicKey,
                    Address = address,
                    Nodes = session.ParticipantList,
                });
                await context.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (published)
        {
            outbox.Notify();
            store.FinalStateCommitted.Notify();
        }

        return SessionOutcome.Success;
    }

    private static bool IsHex(string? text) => text is { Length: > 0 } && text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit);

    private sealed record KeyReport(string PublicKey, string KeyId, string ChainCode, uint KeyVersion);
}
