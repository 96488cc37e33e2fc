using MassTransit;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.Heartbeats;

namespace MpcWallet.Coordinator.Nodes;

/// <summary>Consumes <c>heartbeats</c> signed by their node (<see cref="NodeReportVerifier"/>): liveness, and the node-online event on a transition.</summary>
internal sealed class HeartbeatConsumer(NodeReportVerifier verifier, NodeRegistry registry) : IConsumer<NodeHeartbeat>
{
    public async Task Consume(ConsumeContext<NodeHeartbeat> context)
    {
        var beat = context.Message;
        if (!verifier.Admit(beat))
        {
            return;
        }

        if (registry.Heartbeat(beat.Node, beat.Endpoint ?? "", beat.SentAt, beat.Version))
        {
            await context.Publish(new NodeWentOnline { MessageId = NewId.NextGuid(), Node = beat.Node, At = beat.SentAt });
        }
    }
}
