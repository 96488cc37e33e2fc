using MassTransit;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Monitoring;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Signatures.Aggregation;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>
/// Turns a signing session's partial signatures into the final signature: aggregate, check that it recovers to the
/// signing key, then — in one transaction — end the session, move the signature from pending to completed and add its
/// <c>signatures_final</c> (signed by this instance) and <c>events</c> messages to the outbox. Both updates are conditional: when another
/// coordinator (or another session of the same request) got there first, nothing is written or published, so a
/// request never gets two final signatures.
/// </summary>
internal sealed class SignatureFinalizer(CoordinatorStore store, ISignatureEngine engine, SessionLedger ledger, InstanceKeys keys) : ISessionResultHandler
{
    public SessionPurpose Purpose => SessionPurpose.Signing;

    public async Task<SessionOutcome> CompleteAsync(SessionRecord session, IReadOnlyList<SessionReportRecord> reports, CancellationToken cancellationToken)
    {
        SignatureRecord? signature;
        WalletRecord? wallet;
        await using (var context = store.Open())
        {
            signature = await context.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == session.ResourceId, cancellationToken);
            wallet = signature is null ? null : await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == signature.WalletId, cancellationToken);
        }

        if (signature is null || wallet?.PublicKey is null || wallet.ChainCode is null)
        {
            return await ledger.FailAsync(session.Id, SessionOutcome.Failed("the session's signature or wallet is missing"), cancellationToken);
        }

        var digest = Convert.FromHexString(signature.Digest[2..]);
        var path = signature.PathIndices;
        var signingKey = engine.DerivePublicKey(Convert.FromHexString(wallet.PublicKey[2..]), Convert.FromHexString(wallet.ChainCode[2..]), path);
        var holders = wallet.NodeList;
        var ordered = reports.OrderBy(r => IndexOf(holders, r.Node)).ToArray();
        FinalSignature final;
        try
        {
            final = engine.Combine(ordered.Select(r => Convert.FromBase64String(r.Payload)).ToArray(), signingKey, digest);
            if (!EcdsaRecovery.Matches(digest, final, signingKey))
            {
                throw new SignatureAggregationException("the combined signature does not recover to the wallet key");
            }
        }
        catch (SignatureAggregationException e)
        {
            return await ledger.FailAsync(session.Id, SessionOutcome.Failed(e.Message), cancellationToken);
        }

        var nodes = ordered.Select(r => r.Node).ToArray();
        var rHex = "0x" + Convert.ToHexStringLower(final.R);
        var sHex = "0x" + Convert.ToHexStringLower(final.S);
        var v = 27 + final.RecoveryId;
        var joined = string.Join(",", nodes);
        var completedAt = DateTimeOffset.UtcNow;
        var won = false;
        var outcome = await ledger.CompleteAsync(session.Id, async (context, ct) =>
        {
            var updated = await context.Signatures
                .Where(x => x.Id == signature.Id && x.Status == SignatureStatus.Pending)
                .ExecuteUpdateAsync(
                    x => x.SetProperty(p => p.Status, SignatureStatus.Completed)
                        .SetProperty(p => p.R, rHex)
                        .SetProperty(p => p.S, sHex)
                        .SetProperty(p => p.V, v)
                        .SetProperty(p => p.Nodes, joined)
                        .SetProperty(p => p.CompletedAt, completedAt)
                        .SetProperty(p => p.Error, (string?)null)
                        .SetProperty(p => p.Owner, (string?)null)
                        .SetProperty(p => p.LeaseUntil, (long?)null),
                    ct);
            if (updated == 0)
            {
                return false;
            }

            var finalized = NewId.NextGuid();
            OutboxWriter.Add(context, store, finalized, BrokerMessageSignatures.Sign(new SignatureFinalized
            {
                MessageId = finalized,
                SignatureId = signature.Id,
                WalletId = signature.WalletId,
                Tenant = signature.Tenant,
                Digest = signature.Digest,
                R = rHex,
                S = sHex,
                V = v,
                Nodes = nodes,
                CompletedAt = completedAt,
                Coordinator = keys.InstanceId,
            }, keys.Identity));
            var completed = NewId.NextGuid();
            OutboxWriter.Add(context, store, completed, new SignatureCompleted { MessageId = completed, SignatureId = signature.Id, WalletId = signature.WalletId, Tenant = signature.Tenant });
            won = true;
            return true;
        }, cancellationToken);
        if (won)
        {
            // Observed once per signature, by the coordinator whose finalization committed (CompleteAsync threw otherwise).
            CoordinatorMetrics.ObserveSignature(SignatureStatus.Completed, completedAt - signature.CreatedAt);
        }

        return outcome;
    }

    private static int IndexOf(IReadOnlyList<string> holders, string node)
    {
        for (var i = 0; i < holders.Count; i++)
        {
            if (holders[i] == node)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
