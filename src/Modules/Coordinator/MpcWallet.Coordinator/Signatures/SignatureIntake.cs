using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Work;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Infrastructure.Telemetry;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>
/// Accepting a signature request, for both entries (<see cref="SignatureEndpoints"/> and
/// <see cref="SignatureRequestedConsumer"/>): a repeat of an earlier request gets that request's signature, an
/// active wallet of the tenant gets a new pending signature — persisted with its idempotency record, claimed for this
/// coordinator (it runs here unless this process dies) and queued — and anything else is refused, as is a raw digest
/// on a wallet whose policy does not allow them. A concurrent
/// repeat (a redelivery, a retried REST call, another coordinator) loses the insert and gets the winner's signature.
/// </summary>
internal sealed class SignatureIntake(CoordinatorStore store, WorkQueue queue, WorkLeases leases, CoordinatorOptions options)
{
    public async Task<SignatureAcceptance> AcceptAsync(SignatureIntent intent, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        if (await EarlierAsync(context, intent, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var wallet = await context.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == intent.WalletId, cancellationToken);
        if (wallet is null || wallet.Tenant != intent.Tenant || wallet.Status != WalletStatus.Active)
        {
            return SignatureAcceptance.WalletUnavailable(wallet?.Tenant == intent.Tenant ? wallet.Status : null);
        }

        // The nodes refuse it too (the policy was fixed in the key-generation command): refused here first, clearly.
        if (intent.PreImage.Kind == SigningPreImageKind.RawDigest && !wallet.AllowRawDigest)
        {
            return SignatureAcceptance.RawDigestRefused;
        }

        var now = DateTimeOffset.UtcNow;
        var signature = new SignatureRecord
        {
            Id = intent.RequestedId ?? "sig_" + Guid.CreateVersion7().ToString("N"),
            TraceParent = TraceParent.Current(),
            Tenant = intent.Tenant,
            WalletId = wallet.Id,
            Type = intent.Type,
            Status = SignatureStatus.Pending,
            Digest = intent.Digest,
            PreImage = SigningPreImageText.TextOf(intent.PreImage),
            DerivationPath = intent.StoredPath,
            Nodes = "",
            CreatedAt = now,
            DeadlineAt = now + options.SignatureDeadline,
            Owner = leases.Instance,
            LeaseUntil = leases.LeaseEnd,
        };
        context.Signatures.Add(signature);
        if (intent.ClientKey is { } clientKey)
        {
            IdempotencyKeys.Add(context, intent.Tenant, Operation(intent), clientKey.Key, clientKey.Fingerprint, signature.Id, now);
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost the insert to a concurrent repeat, which queued the work: answer with its signature. Any other store
            // failure is not a repeat and must not be acknowledged (the broker retries it, REST answers an error).
            await using var again = store.Open();
            if (await EarlierAsync(again, intent, cancellationToken) is { } winner)
            {
                return winner;
            }

            throw;
        }

        queue.Enqueue(new WorkItem(WorkKind.Signing, signature.Id, signature.TraceParent, signature.LeaseUntil));
        return SignatureAcceptance.Accepted(signature);
    }

    /// <summary>The earlier acceptance of this request (repeated, or its key or id reused for another one), or null.</summary>
    private static async Task<SignatureAcceptance?> EarlierAsync(CoordinatorDbContext context, SignatureIntent intent, CancellationToken cancellationToken)
    {
        if (intent.RequestedId is { } id)
        {
            var existing = await context.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            return existing is null ? null
                : existing.Tenant == intent.Tenant && existing.WalletId == intent.WalletId && existing.Digest == intent.Digest && existing.DerivationPath == intent.StoredPath ? SignatureAcceptance.Repeated(existing)
                : SignatureAcceptance.Conflict;
        }

        if (intent.ClientKey is { } clientKey)
        {
            var (match, existingId) = await IdempotencyKeys.FindAsync(context, intent.Tenant, Operation(intent), clientKey.Key, clientKey.Fingerprint, cancellationToken);
            return match switch
            {
                IdempotencyMatch.Same => SignatureAcceptance.Repeated(await context.Signatures.AsNoTracking().FirstAsync(s => s.Id == existingId, cancellationToken)),
                IdempotencyMatch.Different => SignatureAcceptance.Conflict,
                _ => null,
            };
        }

        return null;
    }

    private static string Operation(SignatureIntent intent) => "create-signature:" + intent.WalletId;
}
