using MassTransit;
using MpcWallet.Contracts.StateSync;

namespace MpcWallet.Coordinator.Registry;

/// <summary>Consumes <c>state_sync</c> state hints: which wallet key versions each node holds.</summary>
internal sealed class NodeStateHintConsumer(NodeRegistry registry) : IConsumer<NodeStateHint>
{
    public Task Consume(ConsumeContext<NodeStateHint> context)
    {
        if (context.Message.Node is { } id && registry.Find(id) is { } node && context.Message.Keys is { } keys)
        {
            node.HeldKeys = keys.Where(k => k is not null).Select(k => (k.WalletId, k.KeyVersion)).ToArray();
        }

        return Task.CompletedTask;
    }
}
