using MassTransit;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Coordinator.Outbox;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Signing;

namespace MpcWallet.Coordinator.Orchestration;

/// <summary>
/// Turns a session's partial signatures into the final signature: aggregate, check that it recovers to the signing
/// key, then persist it together with its <c>signatures_final</c> and <c>events</c> messages (transactional outbox).
/// </summary>
internal sealed class SignatureFinalizer(CoordinatorStore store, ISignatureEngine engine, OutboxDispatcher outbox)
{
    /// <exception cref="SignatureAggregationException">the partials do not make a valid signature for the key.</exception>
    public async Task CompleteAsync(SignatureRecord signature, byte[] signingKey, byte[] digest, IReadOnlyCollection<PartialSignatureSubmitted> partials, IReadOnlyList<string> holders, CancellationToken cancellationToken)
    {
        var ordered = partials.OrderBy(p => IndexOf(holders, p.Node)).ToArray();
        var final = engine.Combine(ordered.Select(p => p.Payload).ToArray(), signingKey, digest);
        if (!EcdsaRecovery.Matches(digest, final, signingKey))
        {
            throw new SignatureAggregationException("the combined signature does not recover to the wallet key");
        }

        var nodes = ordered.Select(p => p.Node).ToArray();
        signature.R = "0x" + Convert.ToHexStringLower(final.R);
        signature.S = "0x" + Convert.ToHexStringLower(final.S);
        signature.V = 27 + final.RecoveryId;
        signature.Nodes = string.Join(",", nodes);
        signature.Status = SignatureStatus.Completed;
        signature.CompletedAt = DateTimeOffset.UtcNow;
        signature.Error = null;
        await using (var context = store.Open())
        {
            context.Signatures.Update(signature);
            var finalized = NewId.NextGuid();
            OutboxWriter.Add(context, store, finalized, new SignatureFinalized
            {
                MessageId = finalized,
                SignatureId = signature.Id,
                WalletId = signature.WalletId,
                Tenant = signature.Tenant,
                Digest = signature.Digest,
                R = signature.R,
                S = signature.S,
                V = signature.V.Value,
                Nodes = nodes,
                CompletedAt = signature.CompletedAt.Value,
            });
            var completed = NewId.NextGuid();
            OutboxWriter.Add(context, store, completed, new SignatureCompleted { MessageId = completed, SignatureId = signature.Id, WalletId = signature.WalletId, Tenant = signature.Tenant });
            await context.SaveChangesAsync(cancellationToken);
        }

        outbox.Notify();
        store.FinalStateCommitted.Notify();
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
