using MassTransit;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Transactions.Lifecycle;
using MpcWallet.Transactions.Rpc;

namespace MpcWallet.Transactions.Messaging;

/// <summary>
/// <c>signatures_final</c>: a signature we asked for — a message signature a JSON-RPC caller waits for
/// (<see cref="IWaitingSignatures"/>), else a transaction attempt's (<see cref="AttemptSigner"/>); others are ignored.
/// </summary>
internal sealed class SignatureFinalizedConsumer(AttemptSigner signer, IWaitingSignatures messages) : IConsumer<SignatureFinalized>
{
    public Task Consume(ConsumeContext<SignatureFinalized> context) =>
        messages.TryComplete(context.Message) ? Task.CompletedTask : signer.CompleteAsync(context.Message, context.CancellationToken);
}
