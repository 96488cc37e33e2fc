using MassTransit;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.SignatureRequests;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Orchestration;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// <c>signature_requests</c>: another module asks for a digest signature. Idempotent by the requester's signature id
/// (a repeat after a restart changes nothing, a completed one is published again); an unknown, foreign or inactive
/// wallet or a malformed request is answered with <see cref="SignatureFailed"/>.
/// </summary>
internal sealed class SignatureRequestedConsumer(CoordinatorStore store, WorkQueue queue, WorkLeases leases, CoordinatorOptions options) : IConsumer<SignatureRequested>
{
    public async Task Consume(ConsumeContext<SignatureRequested> context)
    {
        var request = context.Message;
        if (!IsWellFormed(request))
        {
            await FailAsync(context, "the signature request is malformed (signature id sig_ + 32 hex digits, digest 0x + 64 hex digits)");
            return;
        }

        await using var db = store.Open();
        var existing = await db.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.SignatureId, context.CancellationToken);
        if (existing is not null)
        {
            if (existing.Tenant != request.Tenant || existing.WalletId != request.WalletId || existing.Digest != request.Digest)
            {
                await FailAsync(context, "the signature id was already used for another request");
            }
            else if (existing.Status == SignatureStatus.Completed)
            {
                await context.Publish(new Contracts.FinalSignatures.SignatureFinalized
                {
                    MessageId = NewId.NextGuid(),
                    SignatureId = existing.Id,
                    WalletId = existing.WalletId,
                    Tenant = existing.Tenant,
                    Digest = existing.Digest,
                    R = existing.R!,
                    S = existing.S!,
                    V = existing.V!.Value,
                    Nodes = existing.Nodes.Split(',', StringSplitOptions.RemoveEmptyEntries),
                    CompletedAt = existing.CompletedAt!.Value,
                });
            }
            else if (existing.Status == SignatureStatus.Failed)
            {
                await FailAsync(context, existing.Error ?? "signing failed");
            }

            return;
        }

        var wallet = await db.Wallets.AsNoTracking().FirstOrDefaultAsync(w => w.Id == request.WalletId, context.CancellationToken);
        if (wallet is null || wallet.Tenant != request.Tenant || wallet.Status != WalletStatus.Active)
        {
            await FailAsync(context, $"wallet {request.WalletId} is unknown or not active");
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var leaseUntil = leases.LeaseEnd;
        db.Signatures.Add(new SignatureRecord
        {
            Id = request.SignatureId,
            Tenant = request.Tenant,
            WalletId = request.WalletId,
            Type = "digest",
            Status = SignatureStatus.Pending,
            Digest = request.Digest,
            DerivationPath = "",
            Nodes = "",
            CreatedAt = now,
            DeadlineAt = now + options.SignatureDeadline,
            Owner = leases.Instance,
            LeaseUntil = leaseUntil,
        });
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent redelivery (or another coordinator) inserted it first; that one queued the work. Any other
            // store failure must not acknowledge the request: rethrown, the broker retries it, then parks it in the
            // error queue, instead of it vanishing until the requester happens to re-send.
            await using var check = store.Open();
            if (await check.Signatures.AsNoTracking().AnyAsync(s => s.Id == request.SignatureId, context.CancellationToken))
            {
                return;
            }

            throw;
        }

        queue.Enqueue(new WorkItem(WorkKind.Signing, request.SignatureId, leaseUntil));
    }

    private static bool IsWellFormed(SignatureRequested request) =>
        request.SignatureId is { Length: 36 } id && id.StartsWith("sig_", StringComparison.Ordinal) && id[4..].All(char.IsAsciiHexDigitLower)
        && request.Digest is { Length: 66 } digest && digest.StartsWith("0x", StringComparison.Ordinal) && digest[2..].All(char.IsAsciiHexDigitLower)
        && !string.IsNullOrEmpty(request.WalletId) && !string.IsNullOrEmpty(request.Tenant);

    private static Task FailAsync(ConsumeContext<SignatureRequested> context, string reason) =>
        context.Publish(new SignatureFailed
        {
            MessageId = NewId.NextGuid(),
            SignatureId = context.Message.SignatureId,
            WalletId = context.Message.WalletId,
            Tenant = context.Message.Tenant,
            Reason = reason,
        });
}
