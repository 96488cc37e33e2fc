using MassTransit;
using MpcWallet.Contracts.Events;
using MpcWallet.Transactions.Lifecycle;

namespace MpcWallet.Transactions.Messaging;

/// <summary><c>events</c>: the coordinator gave up on a signature; ours reject their attempt.</summary>
internal sealed class SignatureFailedConsumer(AttemptSigner signer) : IConsumer<SignatureFailed>
{
    public Task Consume(ConsumeContext<SignatureFailed> context) => signer.FailAsync(context.Message, context.CancellationToken);
}
