using MassTransit;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Contracts.SignatureRequests;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.Derivation;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>
/// <c>signature_requests</c>: another module asks for a signature of a pre-image whose digest it gives
/// (<see cref="SignatureIntake"/>, as REST does); the digest must be the pre-image's.
/// Idempotent by the requester's signature id: a repeat after a restart changes nothing, a completed one is published
/// again, a failed one answered again; an unknown, foreign or inactive wallet, a reused id or a malformed request is
/// answered with <see cref="SignatureFailed"/>.
/// </summary>
internal sealed class SignatureRequestedConsumer(SignatureIntake intake, InstanceKeys keys) : IConsumer<SignatureRequested>
{
    public async Task Consume(ConsumeContext<SignatureRequested> context)
    {
        var request = context.Message;
        if (!IsWellFormed(request))
        {
            await FailAsync(context, "the signature request is malformed (signature id sig_ + 32 hex digits, digest 0x + 64 hex digits)");
            return;
        }

        uint[] path = [];
        if (request.DerivationPath is { } pathText && !DerivationPath.TryParse(pathText, out path, out var pathError))
        {
            await FailAsync(context, "the derivation path is invalid: " + pathError);
            return;
        }

        if (SigningPreImageText.Read(request.PreImageKind, request.PreImage, request.Digest) is not { } preImage)
        {
            await FailAsync(context, $"the pre-image does not fit its kind ({request.PreImageKind})");
            return;
        }

        // The requester's digest is taken only if the pre-image hashes to it (every node checks the same again).
        string computed;
        try
        {
            computed = HexBytes.ToHex(preImage.Digest());
        }
        catch (SigningPreImageException e)
        {
            await FailAsync(context, $"the {request.PreImageKind} pre-image is malformed: {e.Message}");
            return;
        }

        if (computed != request.Digest)
        {
            await FailAsync(context, $"the {request.PreImageKind} pre-image hashes to {computed}, not to the requested digest {request.Digest}");
            return;
        }

        var accepted = await intake.AcceptAsync(new SignatureIntent(request.Tenant, request.WalletId, preImage, request.Digest, RequestedId: request.SignatureId, Path: path), context.CancellationToken);
        switch (accepted.Kind)
        {
            case SignatureAcceptanceKind.Repeated when accepted.Signature is { Status: SignatureStatus.Completed } completed:
                await context.Publish(BrokerMessageSignatures.Sign(new SignatureFinalized
                {
                    MessageId = NewId.NextGuid(),
                    SignatureId = completed.Id,
                    WalletId = completed.WalletId,
                    Tenant = completed.Tenant,
                    Digest = completed.Digest,
                    R = completed.R!,
                    S = completed.S!,
                    V = completed.V!.Value,
                    Nodes = completed.Nodes.Split(',', StringSplitOptions.RemoveEmptyEntries),
                    CompletedAt = completed.CompletedAt!.Value,
                    Coordinator = keys.InstanceId,
                }, keys.Identity));
                break;
            case SignatureAcceptanceKind.Repeated when accepted.Signature is { Status: SignatureStatus.Failed } failed:
                await FailAsync(context, failed.Error ?? "signing failed");
                break;
            case SignatureAcceptanceKind.Conflict:
                await FailAsync(context, "the signature id was already used for another request");
                break;
            case SignatureAcceptanceKind.WalletUnavailable:
                await FailAsync(context, $"wallet {request.WalletId} is unknown or not active");
                break;
            case SignatureAcceptanceKind.RawDigestRefused:
                await FailAsync(context, $"wallet {request.WalletId} does not allow raw digests (sign a transaction, personal message or typed data)");
                break;
        }
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
