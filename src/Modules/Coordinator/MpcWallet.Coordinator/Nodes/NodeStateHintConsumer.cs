using MassTransit;
using MpcWallet.Contracts.StateSync;

namespace MpcWallet.Coordinator.Nodes;

/// <summary>
/// Consumes <c>state_sync</c> state hints signed by their node (<see cref="NodeReportVerifier"/>): which wallet key versions each node holds. Hints are consumed concurrently
/// and may be redelivered, so one older than the hint already applied (by the node's timestamp) is ignored.
/// </summary>
internal sealed class NodeStateHintConsumer(NodeReportVerifier verifier, NodeRegistry registry) : IConsumer<NodeStateHint>
{
    public Task Consume(ConsumeContext<NodeStateHint> context)
    {
        var hint = context.Message;
        if (verifier.Admit(hint) && hint.Node is { } id && registry.Find(id) is { } node && hint.Keys is { } keys)
        {
            lock (node)
            {
                if (node.HeldKeysAt is null || hint.SentAt >= node.HeldKeysAt)
                {
                    node.HeldKeys = keys.Where(k => k is not null).Select(k => (k.WalletId, k.KeyVersion)).ToArray();
                    node.HeldKeysAt = hint.SentAt;
                }
            }
        }

        return Task.CompletedTask;
    }
}
