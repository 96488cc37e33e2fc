using MassTransit;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Sessions;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>
/// <c>partial_signatures</c> (on any coordinator: competing consumers on one durable queue): a signer's partial for
/// its signing session, once signed by that node and opened with this instance's key (<see cref="NodeReportVerifier"/>);
/// the partial that completes the set finalizes the signature (<see cref="SignatureFinalizer"/>).
/// </summary>
internal sealed class PartialSignatureConsumer(NodeReportVerifier verifier, SessionReports reports) : IConsumer<PartialSignatureSubmitted>
{
    public Task Consume(ConsumeContext<PartialSignatureSubmitted> context)
    {
        var partial = context.Message;
        var opened = verifier.Open(partial);
        if (opened is null)
        {
            return Task.CompletedTask;
        }

        return reports.AcceptAsync(SessionPurpose.Signing, partial.SessionId, partial.Node, Convert.ToBase64String(opened), null, context.CancellationToken);
    }
}
