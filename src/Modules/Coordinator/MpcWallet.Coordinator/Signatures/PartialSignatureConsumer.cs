using MassTransit;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Coordinator.Sessions;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>
/// <c>partial_signatures</c> (on any coordinator: competing consumers on one durable queue): a signer's partial for
/// its signing session; the partial that completes the set finalizes the signature (<see cref="SignatureFinalizer"/>).
/// </summary>
internal sealed class PartialSignatureConsumer(SessionReports reports) : IConsumer<PartialSignatureSubmitted>
{
    public Task Consume(ConsumeContext<PartialSignatureSubmitted> context)
    {
        var partial = context.Message;
        var payload = partial.Payload is { Length: > 0 } bytes ? Convert.ToBase64String(bytes) : null;
        return reports.AcceptAsync(SessionPurpose.Signing, partial.SessionId, partial.Node, payload, null, context.CancellationToken);
    }
}
