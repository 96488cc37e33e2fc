using MassTransit;
using MpcWallet.Contracts.StateSync;

namespace MpcWallet.Coordinator.Operations;

/// <summary>
/// <c>state_sync</c> state hints (every coordinator gets each, on its own queue): a node that still holds an older
/// generation of a wallet than the wallet's current one missed the commit after a refresh (it was down, or the
/// coordinator that switched died first); it is sent again (<see cref="GenerationCommits"/>). Nodes publish hints at
/// start and after a key-changing session.
/// </summary>
internal sealed class StaleGenerationConsumer(GenerationCommits commits) : IConsumer<NodeStateHint>
{
    public Task Consume(ConsumeContext<NodeStateHint> context)
    {
        var hint = context.Message;
        return hint.Node is { } node && hint.Keys is { } keys
            ? commits.OnHintAsync(node, keys.Where(k => k is not null).Select(k => (k.WalletId, k.KeyVersion)).ToArray(), context.CancellationToken)
            : Task.CompletedTask;
    }
}
