using MassTransit;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Transactions.Lifecycle;

namespace MpcWallet.Transactions.Messaging;

/// <summary><c>signatures_final</c>: a signature we asked for (others are ignored); see <see cref="AttemptSigner"/>.</summary>
internal sealed class SignatureFinalizedConsumer(AttemptSigner signer) : IConsumer<SignatureFinalized>
{
    public Task Consume(ConsumeContext<SignatureFinalized> context) => signer.CompleteAsync(context.Message, context.CancellationToken);
}
