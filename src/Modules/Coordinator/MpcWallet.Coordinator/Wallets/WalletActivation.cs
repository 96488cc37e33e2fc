using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Infrastructure.Outbox;

namespace MpcWallet.Coordinator.Wallets;

/// <summary>
/// Ends a key-generation session once every participant reported: the wallet becomes active if all reported the
/// same public key, key id, chain code and key version. Session end, wallet activation (creating → active) and the
/// <c>WalletCreated</c> outbox message commit together, each conditional, so a wallet is activated once.
/// </summary>
internal sealed class WalletActivation(CoordinatorStore store, SessionLedger ledger) : ISessionResultHandler
{
    public SessionPurpose Purpose => SessionPurpose.KeyGeneration;

    /// <summary>The public part of a node's key-generation report, as stored per (session, node).</summary>
    public static string Payload(KeyShareStored report) =>
        JsonSerializer.Serialize(new KeyReport(report.PublicKey, report.KeyId, report.ChainCode, report.KeyVersion, report.WalletId));

    public async Task<SessionOutcome> CompleteAsync(SessionRecord session, IReadOnlyList<SessionReportRecord> reports, CancellationToken cancellationToken)
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
        WalletRecord? wallet;
        await using (var context = store.Open())
        {
            wallet = await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == session.ResourceId, cancellationToken);
        }

        if (wallet is null)
        {
            return await ledger.FailAsync(session.Id, SessionOutcome.Failed("the session's wallet is missing"), cancellationToken);
        }

        return await ledger.CompleteAsync(session.Id, async (context, ct) =>
        {
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
                    ct);
            if (won == 0)
            {
                return false;
            }

            var id = NewId.NextGuid();
            OutboxWriter.Add(context, store, id, new WalletCreated
            {
                MessageId = id,
                WalletId = wallet.Id,
                Tenant = wallet.Tenant,
                PublicKey = publicKey,
                Address = address,
                Nodes = session.ParticipantList,
                ChainCode = chainCode,
                AllowRawDigest = wallet.AllowRawDigest,
            });
            return true;
        }, cancellationToken);
    }

    private static bool IsHex(string? text) => text is { Length: > 0 } && text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit);

    /// <summary>A stored key as reported (<see cref="WalletId"/>: null in reports stored before refresh existed).</summary>
    internal sealed record KeyReport(string PublicKey, string KeyId, string ChainCode, uint KeyVersion, string? WalletId = null);
}
