using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.Heartbeats;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Tests.Support;

namespace MpcWallet.Coordinator.Tests.Messaging;

/// <summary>
/// Delivery is at least once: the same message (same message id) delivered twice changes nothing the first delivery
/// did not, and never faults. (Partial signatures and signature requests: their own specs.)
/// </summary>
public sealed class RedeliveryTests
{
    [Fact]
    public async Task A_redelivered_heartbeat_announces_the_node_online_once()
    {
        await using var provider = CoordinatorHarness.Build();
        var harness = await StartAsync(provider);
        var beat = TestNodes.Sign(new NodeHeartbeat { MessageId = NewId.NextGuid(), Node = "node-2", Endpoint = "http://127.0.0.1:2", SentAt = DateTimeOffset.UtcNow });

        await DeliverTwiceAsync(harness, beat, beat.MessageId);

        Assert.True(provider.GetRequiredService<NodeRegistry>().IsOnline("node-2"));
        Assert.Single(harness.Published.Select<NodeWentOnline>(x => x.Context.Message.Node == "node-2"));
    }

    [Fact]
    public async Task A_redelivered_or_late_state_hint_leaves_the_newest_held_keys()
    {
        await using var provider = CoordinatorHarness.Build();
        var harness = await StartAsync(provider);
        var hint = TestNodes.Sign(new NodeStateHint { MessageId = NewId.NextGuid(), Node = "node-1", Keys = [new HeldKeyVersion("wlt_a", 1), new HeldKeyVersion("wlt_b", 2)], SentAt = DateTimeOffset.UtcNow });

        await DeliverTwiceAsync(harness, hint, hint.MessageId);

        Assert.Equal([("wlt_a", 1u), ("wlt_b", 2u)], provider.GetRequiredService<NodeRegistry>().Find("node-1")!.HeldKeys);

        // A hint the node sent earlier, delivered late (redelivery, concurrent consumption), does not undo the newer one.
        var older = TestNodes.Sign(new NodeStateHint { MessageId = NewId.NextGuid(), Node = "node-1", Keys = [new HeldKeyVersion("wlt_a", 1)], SentAt = hint.SentAt.AddSeconds(-5) });
        await DeliverTwiceAsync(harness, older, older.MessageId);
        Assert.Equal([("wlt_a", 1u), ("wlt_b", 2u)], provider.GetRequiredService<NodeRegistry>().Find("node-1")!.HeldKeys);
    }

    [Fact]
    public async Task A_redelivered_key_share_report_counts_once()
    {
        await using var provider = CoordinatorHarness.Build();
        var harness = await StartAsync(provider);
        var store = provider.GetRequiredService<CoordinatorStore>();
        await using (var context = store.Open())
        {
            context.Wallets.Add(new WalletRecord { Id = "wlt_k", Tenant = "t", Label = "k", Threshold = 2, Parties = 2, Status = WalletStatus.Creating, Nodes = "node-1,node-2", AllowRawDigest = false, CreatedAt = DateTimeOffset.UtcNow, Sequence = 1 });
            await context.SaveChangesAsync();
        }

        var session = new ActiveSession("dd".PadLeft(64, 'd'), SessionPurpose.KeyGeneration, "wlt_k", ["node-1", "node-2"]);
        await provider.GetRequiredService<SessionLedger>().StartAsync(session, TimeSpan.FromMinutes(1), CancellationToken.None);
        provider.GetRequiredService<ActiveSessions>().Add(session);
        var report = Report(session.Key, "node-1", 1);

        await DeliverTwiceAsync(harness, report, report.MessageId);

        Assert.Single(session.Reports);
        Assert.False(session.Outcome.IsCompleted);
        await DeliverTwiceAsync(harness, Report(session.Key, "node-2", 2), Guid.Empty);
        Assert.True((await session.Outcome.WaitAsync(TimeSpan.FromSeconds(30))).Succeeded);
        Assert.Equal(2, session.Reports.Count);
        await using var after = store.Open();
        Assert.Equal(WalletStatus.Active, (await after.Wallets.AsNoTracking().SingleAsync(w => w.Id == "wlt_k")).Status);
    }

    [Fact]
    public async Task A_redelivered_session_failure_fails_the_session_once_with_the_first_reason()
    {
        await using var provider = CoordinatorHarness.Build();
        var harness = await StartAsync(provider);
        var sessions = provider.GetRequiredService<ActiveSessions>();
        var session = new ActiveSession("ee".PadLeft(64, 'e'), SessionPurpose.Signing, "sig_r", ["node-1", "node-3"]);
        await provider.GetRequiredService<SessionLedger>().StartAsync(session, TimeSpan.FromMinutes(1), CancellationToken.None);
        sessions.Add(session);
        var failure = TestNodes.Sign(new SessionFailed { MessageId = NewId.NextGuid(), SessionId = session.Key, Node = "node-1", Culprit = "node-3", Check = "dlog-proof", Banned = false, Reason = "proof failed", SentAt = DateTimeOffset.UtcNow });

        await DeliverTwiceAsync(harness, failure, failure.MessageId);

        var outcome = await session.Outcome.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(outcome.Succeeded);
        Assert.Equal(["node-3"], outcome.Suspects);
        Assert.False(harness.Published.Select<Fault<SessionFailed>>().Any());
    }

    private static async Task<ITestHarness> StartAsync(ServiceProvider provider)
    {
        await provider.GetRequiredService<CoordinatorStore>().MigrateAsync(CancellationToken.None);
        var harness = provider.GetRequiredService<ITestHarness>();
        // Generous against hangs (two shared cores); the specs wait for their deliveries themselves, not for inactivity.
        harness.TestTimeout = TimeSpan.FromSeconds(60);
        harness.TestInactivityTimeout = TimeSpan.FromSeconds(1);
        await harness.Start();
        return harness;
    }

    /// <summary>Publishes <paramref name="message"/> twice (the second time as a redelivery of the first when an id is given) and waits until both were consumed.</summary>
    private static async Task DeliverTwiceAsync<T>(ITestHarness harness, T message, Guid messageId)
        where T : class
    {
        // The harness's received-message lists are keyed by message id; an observer sees every delivery.
        var deliveries = new DeliveryCounter<T>();
        using var observer = harness.Bus.ConnectConsumeMessageObserver(deliveries);
        for (var delivery = 1; delivery <= 2; delivery++)
        {
            await harness.Bus.Publish(message, context =>
            {
                if (messageId != Guid.Empty)
                {
                    context.MessageId = messageId;
                }
            });
            var expected = delivery;
            await Eventually.TrueAsync(() => deliveries.Consumed + deliveries.Faulted >= expected, TimeSpan.FromSeconds(30), $"delivery {delivery} of {typeof(T).Name} is consumed");
        }

        Assert.Equal(0, deliveries.Faulted);
    }

    private sealed class DeliveryCounter<T> : IConsumeMessageObserver<T>
        where T : class
    {
        private int _consumed;
        private int _faulted;

        public int Consumed => Volatile.Read(ref _consumed);

        public int Faulted => Volatile.Read(ref _faulted);

        public Task PreConsume(ConsumeContext<T> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<T> context)
        {
            Interlocked.Increment(ref _consumed);
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<T> context, Exception exception)
        {
            Interlocked.Increment(ref _faulted);
            return Task.CompletedTask;
        }
    }

    private static KeyShareStored Report(string session, string node, int index) => TestNodes.Sign(new KeyShareStored
    {
        MessageId = NewId.NextGuid(),
        SessionId = session,
        WalletId = "wlt_k",
        Node = node,
        PartyIndex = index,
        KeyVersion = 1,
        KeyId = "00",
        PublicKey = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", // the generator: a valid key
        ChainCode = new string('2', 64),
        SentAt = DateTimeOffset.UtcNow,
    });
}
