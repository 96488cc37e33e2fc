using MassTransit;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Transactions.Lifecycle;
using MpcWallet.Transactions.Monitoring;
using MpcWallet.Transactions.Rpc;

namespace MpcWallet.Transactions.Messaging;

/// <summary>
/// <c>signatures_final</c>: a signature we asked for — a message signature a JSON-RPC caller waits for
/// (<see cref="IWaitingSignatures"/>), else a transaction attempt's (<see cref="AttemptSigner"/>); others are ignored.
/// Only from a coordinator instance the cluster manifest lists, signed by its key (<see cref="BrokerMessageSignatures"/>):
/// anything else is dropped, logged and counted, never faulted. The ECDSA signature is still checked against the
/// wallet's key where it is used.
/// </summary>
internal sealed partial class SignatureFinalizedConsumer(ClusterTrust trust, AttemptSigner signer, IWaitingSignatures messages, ILogger<SignatureFinalizedConsumer> logger) : IConsumer<SignatureFinalized>
{
    public Task Consume(ConsumeContext<SignatureFinalized> context)
    {
        var message = context.Message;
        var coordinator = message.Coordinator is { } id ? trust.Manifest.FindCoordinator(id) : null;
        if (coordinator is null || !BrokerMessageSignatures.Verify(message, coordinator))
        {
            var reason = coordinator is null ? "unknown-coordinator" : "bad-signature";
            TransactionMetrics.RefusedFinalSignatures.WithLabels(reason).Inc();
            LogRefused(UntrustedText.ForLog(message.Coordinator), reason);
            return Task.CompletedTask;
        }

        return messages.TryComplete(message) ? Task.CompletedTask : signer.CompleteAsync(message, context.CancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "dropped a final signature claiming coordinator {Coordinator}: {Reason}")]
    private partial void LogRefused(string coordinator, string reason);
}
