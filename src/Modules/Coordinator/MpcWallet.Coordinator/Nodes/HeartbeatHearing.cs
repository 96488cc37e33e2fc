using MassTransit;
using MpcWallet.Infrastructure.Messaging;

namespace MpcWallet.Coordinator.Nodes;

/// <summary>
/// Whether the coordinator can hear heartbeats right now: its heartbeat queue's receive endpoint is connected to the
/// broker. While it cannot (a broker outage), missing heartbeats say nothing about the nodes.
/// </summary>
internal sealed class HeartbeatHearing(IBusControl bus)
{
    public bool CanHear()
    {
        var health = bus.CheckHealth();
        var heartbeats = health.Endpoints.Where(e => e.Key.Contains(BrokerChannels.Heartbeats, StringComparison.Ordinal)).Select(e => e.Value.Status).ToArray();
        return heartbeats.Length > 0 ? heartbeats.All(s => s == BusHealthStatus.Healthy) : health.Status == BusHealthStatus.Healthy;
    }
}
