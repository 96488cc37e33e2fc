using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Tests.Support;

namespace MpcWallet.Coordinator.Tests.Messaging;

/// <summary>The coordinator accepts a partial signature only for a running session, from a participant, once.</summary>
public sealed class PartialSignatureConsumerSpecs
{
    [Fact]
    public async Task Accepts_each_participant_once_and_completes_the_session()
    {
        await using var provider = CoordinatorHarness.Build();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var sessions = provider.GetRequiredService<ActiveSessions>();
        var session = new ActiveSession("aa".PadLeft(64, 'a'), SessionPurpose.Signing, "sig_1", ["node-1", "node-3"]);
        sessions.Add(session);

        await PublishAndWait(harness, Partial(session.Key, "node-1", 1));
        await PublishAndWait(harness, Partial(session.Key, "node-1", 2));
        await PublishAndWait(harness, Partial(session.Key, "node-2", 3));
        await PublishAndWait(harness, Partial("bb".PadLeft(64, 'b'), "node-3", 4));
        Assert.False(session.Outcome.IsCompleted);
        Assert.Single(session.Partials);
        Assert.Equal(3, sessions.Ignored);

        await PublishAndWait(harness, Partial(session.Key, "node-3", 5));
        var outcome = await session.Outcome.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(outcome.Succeeded);
        Assert.Equal(new byte[] { 1 }, session.Partials.Single(p => p.Node == "node-1").Payload);
    }

    [Fact]
    public async Task A_participants_abort_fails_the_session_naming_the_culprit()
    {
        await using var provider = CoordinatorHarness.Build();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var sessions = provider.GetRequiredService<ActiveSessions>();
        var session = new ActiveSession("cc".PadLeft(64, 'c'), SessionPurpose.Signing, "sig_2", ["node-1", "node-2"]);
        sessions.Add(session);

        await harness.Bus.Publish(new SessionFailed { MessageId = NewId.NextGuid(), SessionId = session.Key, Node = "node-1", Culprit = "node-2", Check = "rvole-mu", Banned = true, Reason = "μ check failed" });
        var outcome = await session.Outcome.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(outcome.Succeeded);
        Assert.Equal(["node-2"], outcome.Suspects);
        Assert.Contains("culprit node-2", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_partials_are_ignored_without_faulting()
    {
        await using var provider = CoordinatorHarness.Build();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish<PartialSignatureSubmitted>(new { MessageId = NewId.NextGuid() });

        Assert.True(await harness.Consumed.Any<PartialSignatureSubmitted>());
        Assert.False(await harness.Published.Any<Fault<PartialSignatureSubmitted>>());
        Assert.Equal(1, provider.GetRequiredService<ActiveSessions>().Ignored);
    }

    private static PartialSignatureSubmitted Partial(string session, string node, byte payload) =>
        new() { MessageId = NewId.NextGuid(), SessionId = session, Node = node, Payload = [payload] };

    private static async Task PublishAndWait(ITestHarness harness, PartialSignatureSubmitted partial)
    {
        await harness.Bus.Publish(partial);
        Assert.True(await harness.Consumed.Any<PartialSignatureSubmitted>(x => x.Context.Message.MessageId == partial.MessageId));
    }
}
