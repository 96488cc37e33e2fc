using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Infrastructure.Cluster;

namespace MpcWallet.Coordinator.Tests.Nodes;

/// <summary>
/// A broker outage of the coordinator's own is not the nodes' silence: a node online when the coordinator stopped
/// hearing stays online while it cannot hear, and gets a full <c>OfflineAfter</c> once it hears again; a node that
/// was already offline stays offline. Heartbeats arrive at least once and out of order: a late one changes nothing.
/// </summary>
public sealed class LivenessTests
{
    private static readonly TimeSpan OfflineAfter = TimeSpan.FromSeconds(6);

    [Fact]
    public void Nodes_keep_their_state_while_the_coordinator_cannot_hear_and_are_judged_again_after()
    {
        var time = new ManualTime();
        var registry = new NodeRegistry(
            new ClusterOptions { Nodes = [new() { Id = "node-1", GrpcEndpoint = "http://127.0.0.1:1" }, new() { Id = "node-2", GrpcEndpoint = "http://127.0.0.1:2" }] },
            new CoordinatorOptions { OfflineAfter = OfflineAfter },
            time);
        registry.Heartbeat("node-1", "", time.GetUtcNow());
        registry.Heartbeat("node-2", "", time.GetUtcNow());
        time.Advance(OfflineAfter + TimeSpan.FromSeconds(1));
        registry.Heartbeat("node-1", "", time.GetUtcNow());
        Assert.Equal(["node-2"], registry.SweepOffline());

        // The broker goes away for longer than OfflineAfter; the monitor reports it on every tick.
        for (var i = 0; i < 20; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            registry.CouldNotHear();
            Assert.True(registry.IsOnline("node-1"));
            Assert.False(registry.IsOnline("node-2"));
        }

        // Heard again: node-1 has OfflineAfter to send a heartbeat, then it is offline like any silent node.
        time.Advance(OfflineAfter - TimeSpan.FromSeconds(1));
        Assert.Empty(registry.SweepOffline());
        Assert.True(registry.IsOnline("node-1"));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(["node-1"], registry.SweepOffline());
        Assert.False(registry.IsOnline("node-1"));
    }

    [Fact]
    public void A_late_heartbeat_neither_moves_liveness_back_nor_revives_an_offline_node()
    {
        var time = new ManualTime();
        var registry = new NodeRegistry(
            new ClusterOptions { Nodes = [new() { Id = "node-1", GrpcEndpoint = "http://127.0.0.1:0" }] },
            new CoordinatorOptions { OfflineAfter = OfflineAfter },
            time);
        var first = time.GetUtcNow();
        Assert.True(registry.Heartbeat("node-1", "http://127.0.0.1:7001", first));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(registry.Heartbeat("node-1", "http://127.0.0.1:7002", time.GetUtcNow()));

        // The first beat again (a redelivery): the newer endpoint and time stand.
        Assert.False(registry.Heartbeat("node-1", "http://127.0.0.1:7001", first));
        Assert.Equal("http://127.0.0.1:7002", registry.Find("node-1")!.Endpoint);
        Assert.Equal(time.GetUtcNow(), registry.Find("node-1")!.LastHeartbeatAt);

        // Offline; then a beat that waited in the queue longer than OfflineAfter arrives: still offline, no online event.
        time.Advance(OfflineAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(["node-1"], registry.SweepOffline());
        Assert.False(registry.Heartbeat("node-1", "http://127.0.0.1:7002", time.GetUtcNow() - OfflineAfter));
        Assert.False(registry.IsOnline("node-1"));
        Assert.True(registry.Heartbeat("node-1", "http://127.0.0.1:7002", time.GetUtcNow()));
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
