using MassTransit;
using MpcWallet.Contracts.Events;
using MpcWallet.Transactions.Lifecycle;
using MpcWallet.Transactions.Rpc;

namespace MpcWallet.Transactions.Messaging;

/// <summary><c>events</c>: the coordinator gave up on a signature; a waiting JSON-RPC caller is told, ours reject their attempt.</summary>
internal sealed class SignatureFailedConsumer(AttemptSigner signer, IWaitingSignatures messages) : IConsumer<SignatureFailed>
{
    public Task Consume(ConsumeContext<SignatureFailed> context) =>
        messages.TryFail(context.Message) ? Task.CompletedTask : signer.FailAsync(context.Message, context.CancellationToken);
}
