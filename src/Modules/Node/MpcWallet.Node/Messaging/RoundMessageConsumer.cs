using MassTransit;
using MpcWallet.Contracts.Rounds;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Messaging;

/// <summary>
/// Consumes <c>mpc_rounds</c> on each local node's queue and hands the message to that node. It never throws for
/// bad input: malformed, foreign, duplicate or unauthenticated messages are dropped and counted by the node.
/// </summary>
internal sealed class RoundMessageConsumer(LocalNodes nodes) : IConsumer<RoundMessage>
{
    private const string QueuePrefix = BrokerChannels.MpcRounds + ".";

    public async Task Consume(ConsumeContext<RoundMessage> context)
    {
        var queue = context.ReceiveContext.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var node = queue.StartsWith(QueuePrefix, StringComparison.Ordinal) ? nodes.Find(queue[QueuePrefix.Length..]) : null;
        if (node is null)
        {
            return;
        }

        var message = context.Message;
        if (message.MessageId == Guid.Empty || string.IsNullOrEmpty(message.SessionId) || string.IsNullOrEmpty(message.Sender) || message.Payload is null || message.Payload.Length == 0 || message.Round < 1)
        {
            node.Drops.Add(DropReason.Malformed);
            return;
        }

        await node.DeliverAsync(message, context.CancellationToken);
    }
}
