using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Events;
using MpcWallet.Infrastructure.Messaging;

namespace MpcWallet.Coordinator.Nodes;

/// <summary>
/// Marks nodes offline after missed heartbeats and publishes the node-offline event. While the coordinator itself
/// cannot hear the broker, nobody is marked offline (see <see cref="NodeRegistry.CouldNotHear"/>).
/// </summary>
internal sealed partial class LivenessMonitor(NodeRegistry registry, IBus bus, HeartbeatHearing hearing, ILogger<LivenessMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!hearing.CanHear())
            {
                registry.CouldNotHear();
                continue;
            }

            foreach (var id in registry.SweepOffline())
            {
                try
                {
                    await bus.PublishWithin(new NodeWentOffline { MessageId = NewId.NextGuid(), Node = id, At = DateTimeOffset.UtcNow }, TimeSpan.FromSeconds(5), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed (or hung, hence bounded) notification must not stop the monitor.
                    LogPublishFailed(id, e.Message);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not publish that node {Node} went offline: {Error}")]
    private partial void LogPublishFailed(string node, string error);
}
