using MassTransit;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Coordinator.Operations;

namespace MpcWallet.Coordinator.Nodes;

/// <summary>
/// Consumes <c>state_sync</c> state hints: which wallet key versions each node holds. Hints are consumed concurrently
/// and may be redelivered, so one older than the hint already applied (by the node's timestamp) is ignored. A node that
/// still holds an older generation of a wallet than the wallet's current one missed a commit: it is sent again
/// (<see cref="GenerationCommits"/>).
/// </summary>
internal sealed class NodeStateHintConsumer(NodeRegistry registry, GenerationCommits commits) : IConsumer<NodeStateHint>
{
    public async Task Consume(ConsumeContext<NodeStateHint> context)
    {
        var hint = context.Message;
        if (hint.Node is { } id && registry.Find(id) is { } node && hint.Keys is { } keys)
        {
            var held = keys.Where(k => k is not null).Select(k => (k.WalletId, k.KeyVersion)).ToArray();
            lock (node)
            {
                if (node.HeldKeysAt is null || hint.At >= node.HeldKeysAt)
                {
                    node.HeldKeys = held;
                    node.HeldKeysAt = hint.At;
                }
            }

            await commits.OnHintAsync(id, held, context.CancellationToken);
        }
    }
}
