using MassTransit;
using Microsoft.Extensions.Hosting;
using MpcWallet.Contracts.Events;

namespace MpcWallet.Coordinator.Registry;

/// <summary>Marks nodes offline after missed heartbeats and publishes the node-offline event.</summary>
internal sealed class LivenessMonitor(NodeRegistry registry, IBus bus) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var id in registry.SweepOffline())
            {
                await bus.Publish(new NodeWentOffline { MessageId = NewId.NextGuid(), Node = id, At = DateTimeOffset.UtcNow }, stoppingToken);
            }
        }
    }
}
