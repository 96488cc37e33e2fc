using MassTransit;
using MpcWallet.Contracts.Rounds;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Rounds;

/// <summary>
/// Puts one node's outbound protocol messages on the broker, each sealed with its session's channel: a direct
/// message to the recipient's own round queue, a broadcast to <c>mpc_rounds</c>. Every send is bounded by the given
/// timeout; past it the step that sent fails.
/// </summary>
internal sealed class RoundSender(string nodeId, IBus bus, TimeSpan publishTimeout)
{
    public async Task SendAsync(NodeSession session, IReadOnlyList<ProtocolMessage> outbound, CancellationToken cancellationToken)
    {
        var protector = session.Protector ?? throw new InvalidOperationException($"session {session.Key} has no channel keys before begin");
        foreach (var message in outbound)
        {
            if (message.To is { } to)
            {
                var peer = session.PeerByIndex(to) ?? throw new InvalidOperationException($"no participant with index {to}");
                var envelope = new RoundMessage
                {
                    MessageId = NewId.NextGuid(),
                    SessionId = session.Key,
                    Round = message.Round,
                    Sender = nodeId,
                    Recipient = peer.NodeId,
                    Payload = protector.Seal(message).Bytes,
                };
                var endpoint = await bus.GetSendEndpoint(BrokerChannels.NodeRoundAddress(peer.NodeId, bus.Address));
                await endpoint.SendWithin(envelope, publishTimeout, cancellationToken);
            }
            else
            {
                await bus.PublishWithin(new RoundMessage
                {
                    MessageId = NewId.NextGuid(),
                    SessionId = session.Key,
                    Round = message.Round,
                    Sender = nodeId,
                    Recipient = null,
                    Payload = protector.Seal(message).Bytes,
                }, publishTimeout, cancellationToken);
            }
        }
    }
}
