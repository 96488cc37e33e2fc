using MpcWallet.Coordinator.Configuration;

namespace MpcWallet.Coordinator.Nodes;

/// <summary>
/// Waits (briefly, bounded) until enough of the given nodes are online. While the coordinator cannot hear the broker
/// (an outage), it first waits for the broker, up to the request's deadline: a session started then could not run,
/// and would only use up one of the request's attempts.
/// </summary>
internal sealed class QuorumWaiter(NodeRegistry registry, HeartbeatHearing hearing, CoordinatorOptions options)
{
    public async Task<IReadOnlyList<string>> OnlineAsync(IReadOnlyList<string> candidates, int needed, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (!hearing.CanHear() && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

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
