using System.Security.Cryptography;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.Heartbeats;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Tests.Support;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Coordinator.Tests.Messaging;

/// <summary>
/// The coordinator acts on a node's report only when the manifest lists the node, its identity key signed every field,
/// it was sent within the window and — heartbeats and state hints — it is newer than the last one. Each spec sends a
/// report that only the check under test stops, shows it dropped and counted (never faulted), and where useful shows
/// the honest version of the same report taking effect (so the spec fails if the check is removed).
/// </summary>
public sealed class NodeReportVerificationTests
{
    [Fact]
    public async Task A_heartbeat_with_a_forged_signature_is_dropped_and_the_honest_one_is_heard()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var beat = Beat("node-2", DateTimeOffset.UtcNow);
        var forged = beat with { Signature = Flip(beat.Signature) };

        await DeliverAsync(harness, forged);
        Assert.False(provider.GetRequiredService<NodeRegistry>().IsOnline("node-2"));
        Assert.Equal(1, Verifier(provider).Refused("heartbeat", "bad-signature"));

        await DeliverAsync(harness, beat);
        Assert.True(provider.GetRequiredService<NodeRegistry>().IsOnline("node-2"));
        Assert.False(await harness.Published.Any<Fault<NodeHeartbeat>>());
    }

    [Fact]
    public async Task A_field_changed_after_signing_breaks_the_signature()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var beat = Beat("node-2", DateTimeOffset.UtcNow);

        // Whoever sits on the broker redirects the coordinator's NodeControl calls to itself.
        await DeliverAsync(harness, beat with { Endpoint = "http://127.0.0.1:6666" });

        Assert.False(provider.GetRequiredService<NodeRegistry>().IsOnline("node-2"));
        Assert.Equal(1, Verifier(provider).Refused("heartbeat", "bad-signature"));
    }

    [Fact]
    public async Task A_report_signed_by_another_nodes_key_is_dropped()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        // node-1 (compromised) speaks for node-2, signing with its own key.
        var beat = BrokerMessageSignatures.Sign(Unsigned("node-2", DateTimeOffset.UtcNow), TestNodes.Identity("node-1"));

        await DeliverAsync(harness, beat);

        Assert.False(provider.GetRequiredService<NodeRegistry>().IsOnline("node-2"));
        Assert.Equal(1, Verifier(provider).Refused("heartbeat", "bad-signature"));
    }

    [Fact]
    public async Task A_node_outside_the_manifest_is_not_heard_even_when_configured()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        using var stranger = NodeIdentity.Generate(SystemRandomSource.Instance);
        var beat = BrokerMessageSignatures.Sign(Unsigned("node-4", DateTimeOffset.UtcNow), stranger);
        var hint = BrokerMessageSignatures.Sign(new NodeStateHint { MessageId = NewId.NextGuid(), Node = "node-4", Keys = [], SentAt = DateTimeOffset.UtcNow }, stranger);

        await DeliverAsync(harness, beat);
        await DeliverAsync(harness, hint);

        Assert.Equal(1, Verifier(provider).Refused("heartbeat", "unknown-node"));
        Assert.Equal(1, Verifier(provider).Refused("node-state-hint", "unknown-node"));
        Assert.False(await harness.Published.Any<NodeWentOnline>(x => x.Context.Message.Node == "node-4"));
    }

    [Fact]
    public async Task Stale_and_future_reports_are_dropped()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var options = provider.GetRequiredService<CoordinatorOptions>();

        // A heartbeat recorded by someone reading the broker, replayed after the window.
        await DeliverAsync(harness, Beat("node-1", DateTimeOffset.UtcNow - options.NodeMessageMaxAge - TimeSpan.FromSeconds(5)));
        await DeliverAsync(harness, Beat("node-2", DateTimeOffset.UtcNow + options.NodeMessageMaxFuture + TimeSpan.FromSeconds(30)));

        Assert.Equal(1, Verifier(provider).Refused("heartbeat", "stale"));
        Assert.Equal(1, Verifier(provider).Refused("heartbeat", "future"));
        Assert.False(provider.GetRequiredService<NodeRegistry>().IsOnline("node-1"));
        Assert.False(provider.GetRequiredService<NodeRegistry>().IsOnline("node-2"));

        // Inside the window both are heard.
        await DeliverAsync(harness, Beat("node-1", DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1)));
        Assert.True(provider.GetRequiredService<NodeRegistry>().IsOnline("node-1"));
    }

    [Fact]
    public async Task A_heartbeat_older_than_the_last_or_replayed_is_dropped()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var registry = provider.GetRequiredService<NodeRegistry>();
        var now = DateTimeOffset.UtcNow;
        var newer = Beat("node-3", now);

        await DeliverAsync(harness, newer);
        await DeliverAsync(harness, Beat("node-3", now - TimeSpan.FromSeconds(10)));
        await DeliverAsync(harness, newer with { MessageId = newer.MessageId }); // the same signed message again

        Assert.Equal(2, Verifier(provider).Refused("heartbeat", "not-newer"));
        Assert.Equal(now.ToUnixTimeMilliseconds(), registry.Find("node-3")!.LastHeartbeatAt!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_state_hint_older_than_the_last_is_dropped()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var now = DateTimeOffset.UtcNow;
        var newer = TestNodes.Sign(new NodeStateHint { MessageId = NewId.NextGuid(), Node = "node-1", Keys = [new HeldKeyVersion("wlt_a", 2)], SentAt = now });
        var older = TestNodes.Sign(new NodeStateHint { MessageId = NewId.NextGuid(), Node = "node-1", Keys = [new HeldKeyVersion("wlt_a", 1)], SentAt = now - TimeSpan.FromSeconds(3) });

        await DeliverAsync(harness, newer);
        await DeliverAsync(harness, older);

        Assert.Equal(1, Verifier(provider).Refused("node-state-hint", "not-newer"));
        Assert.Equal([("wlt_a", 2u)], provider.GetRequiredService<NodeRegistry>().Find("node-1")!.HeldKeys);
    }

    [Fact]
    public async Task A_session_failure_signed_by_another_node_does_not_fail_the_session()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var session = SigningFixture.NewSession("sig_f", "node-1", "node-3");
        await provider.GetRequiredService<SessionLedger>().StartAsync(session, TimeSpan.FromMinutes(1), CancellationToken.None);

        // node-2 (not a participant) tries to end node-1's session and blame node-3, signing with its own key.
        var framed = BrokerMessageSignatures.Sign(
            new SessionFailed { MessageId = NewId.NextGuid(), SessionId = session.Key, Node = "node-1", Culprit = "node-3", Check = "rvole-mu", Banned = true, Reason = "x", SentAt = DateTimeOffset.UtcNow },
            TestNodes.Identity("node-2"));
        await DeliverAsync(harness, framed);

        Assert.Equal(1, Verifier(provider).Refused("session-failed", "bad-signature"));
        await using var context = provider.GetRequiredService<CoordinatorStore>().Open();
        Assert.Equal(SessionStatus.Running, (await context.Sessions.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task A_signed_partial_from_a_non_participant_is_ignored()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var session = SigningFixture.NewSession("sig_p", "node-1", "node-3");
        await provider.GetRequiredService<SessionLedger>().StartAsync(session, TimeSpan.FromMinutes(1), CancellationToken.None);

        await DeliverAsync(harness, TestNodes.Partial(provider, session.Key, "node-2", [7]));

        Assert.Equal(1, provider.GetRequiredService<ActiveSessions>().Ignored);
        await using var context = provider.GetRequiredService<CoordinatorStore>().Open();
        Assert.Empty(await context.SessionReports.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task A_stale_partial_is_dropped()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var session = SigningFixture.NewSession("sig_s", "node-1", "node-3");
        await provider.GetRequiredService<SessionLedger>().StartAsync(session, TimeSpan.FromMinutes(1), CancellationToken.None);

        await DeliverAsync(harness, TestNodes.Partial(provider, session.Key, "node-1", [7], DateTimeOffset.UtcNow - TimeSpan.FromMinutes(5)));

        Assert.Equal(1, Verifier(provider).Refused("partial-signature", "stale"));
        await using var context = provider.GetRequiredService<CoordinatorStore>().Open();
        Assert.Empty(await context.SessionReports.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task A_sealed_partial_moved_to_another_session_or_claimed_by_another_node_does_not_open()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var session = SigningFixture.NewSession("sig_m", "node-1", "node-3");
        await provider.GetRequiredService<SessionLedger>().StartAsync(session, TimeSpan.FromMinutes(1), CancellationToken.None);
        var elsewhere = TestNodes.Partial(provider, "aa".PadLeft(64, 'a'), "node-1", [7]);

        // Re-signed by a node (only a node can sign): the sealed bytes still name their session and node.
        var moved = BrokerMessageSignatures.Sign(elsewhere with { MessageId = NewId.NextGuid(), SessionId = session.Key }, TestNodes.Identity("node-1"));
        var claimed = BrokerMessageSignatures.Sign(elsewhere with { MessageId = NewId.NextGuid(), SessionId = session.Key, Node = "node-3" }, TestNodes.Identity("node-3"));
        await DeliverAsync(harness, moved);
        await DeliverAsync(harness, claimed);

        Assert.Equal(2, Verifier(provider).Refused("partial-signature", "unreadable"));
        await using var context = provider.GetRequiredService<CoordinatorStore>().Open();
        Assert.Empty(await context.SessionReports.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task A_partial_on_the_broker_opens_only_with_a_coordinator_key_of_the_manifest()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var partial = RandomNumberGenerator.GetBytes(80);
        var session = "cc".PadLeft(64, 'c');
        var published = TestNodes.Partial(provider, session, "node-1", partial);

        // Nothing of the partial in the clear on the broker.
        Assert.Equal(-1, published.Payload.AsSpan().IndexOf(partial.AsSpan(0, 16)));

        // Not with any node's key (everything a node holds: its identity's X25519 key), nor a key outside the manifest.
        foreach (var node in new[] { "node-1", "node-2", "node-3" })
        {
            var exported = TestNodes.Identity(node).ExportPrivate();
            Assert.Null(PartialSignatureSeal.OpenWith(published.Payload, session, "node-1", exported.AsSpan(33, 32)));
        }

        Assert.Null(PartialSignatureSeal.OpenWith(published.Payload, session, "node-1", RandomNumberGenerator.GetBytes(32)));

        // The coordinator instance the manifest lists opens it.
        var keys = provider.GetRequiredService<InstanceKeys>();
        Assert.Equal(partial, PartialSignatureSeal.Open(published.Payload, session, "node-1", keys.Identity));
    }

    private static NodeReportVerifier Verifier(IServiceProvider provider) => provider.GetRequiredService<NodeReportVerifier>();

    private static NodeHeartbeat Unsigned(string node, DateTimeOffset sentAt) =>
        new() { MessageId = NewId.NextGuid(), Node = node, Endpoint = "http://127.0.0.1:1", SentAt = sentAt };

    private static NodeHeartbeat Beat(string node, DateTimeOffset sentAt) => TestNodes.Sign(Unsigned(node, sentAt));

    private static byte[] Flip(byte[] signature)
    {
        var copy = signature.ToArray();
        copy[10] ^= 0x01;
        return copy;
    }

    private static async Task DeliverAsync<T>(ITestHarness harness, T message)
        where T : class
    {
        var id = NewId.NextGuid();
        await harness.Bus.Publish(message, context => context.MessageId = id);
        Assert.True(await harness.Consumed.Any<T>(x => x.Context.MessageId == id), "delivered");
    }
}
