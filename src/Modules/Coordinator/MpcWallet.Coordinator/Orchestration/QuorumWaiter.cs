using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Registry;

namespace MpcWallet.Coordinator.Orchestration;

/// <summary>Waits (briefly, bounded) until enough of the given nodes are online.</summary>
internal sealed class QuorumWaiter(NodeRegistry registry, CoordinatorOptions options)
{
    public async Task<IReadOnlyList<string>> OnlineAsync(IReadOnlyList<string> candidates, int needed, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + options.QuorumWait < deadline ? DateTimeOffset.UtcNow + options.QuorumWait : deadline;
        while (true)
        {
            var online = candidates.Where(registry.IsOnline).ToArray();
            if (online.Length >= needed || DateTimeOffset.UtcNow >= until)
            {
                return online;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
