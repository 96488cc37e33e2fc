using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Tests.Support;

namespace MpcWallet.Coordinator.Tests.Messaging;

/// <summary>
/// The coordinator stores a partial signature only for a running session (found in the store: it may have been started
/// by another coordinator), from a participant, once however often it is delivered.
/// </summary>
public sealed class PartialSignatureConsumerTests
{
    [Fact]
    public async Task Duplicates_are_stored_once_and_unknown_sessions_and_non_participants_are_ignored()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var store = provider.GetRequiredService<CoordinatorStore>();
        var sessions = provider.GetRequiredService<ActiveSessions>();
        // Started "elsewhere": in the store only, not among this process's sessions.
        var session = SigningFixture.NewSession("sig_1", "node-1", "node-3");
        await provider.GetRequiredService<SessionLedger>().StartAsync(session, TimeSpan.FromMinutes(1), CancellationToken.None);

        await PublishAndWait(harness, SigningFixture.Partial(provider, session.Key, "node-1", [1]));
        await PublishAndWait(harness, SigningFixture.Partial(provider, session.Key, "node-1", [2]));
        await PublishAndWait(harness, SigningFixture.Partial(provider, session.Key, "node-2", [3]));
        await PublishAndWait(harness, SigningFixture.Partial(provider, "bb".PadLeft(64, 'b'), "node-3", [4]));

        await using var context = store.Open();
        var reports = await context.SessionReports.AsNoTracking().ToListAsync();
        var stored = Assert.Single(reports);
        Assert.Equal((session.Key, "node-1"), (stored.SessionId, stored.Node));
        Assert.Equal(Convert.ToBase64String([1]), stored.Payload);
        Assert.Equal(3, sessions.Ignored);
        Assert.Equal(SessionStatus.Running, (await context.Sessions.AsNoTracking().SingleAsync()).Status);
        Assert.False(await harness.Published.Any<Fault<PartialSignatureSubmitted>>());
    }

    [Fact]
    public async Task A_participants_abort_fails_the_session_naming_the_culprit()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var session = SigningFixture.NewSession("sig_2", "node-1", "node-2");
        await provider.GetRequiredService<SessionLedger>().StartAsync(session, TimeSpan.FromMinutes(1), CancellationToken.None);
        provider.GetRequiredService<ActiveSessions>().Add(session);

        await harness.Bus.Publish(TestNodes.Sign(new SessionFailed { MessageId = NewId.NextGuid(), SessionId = session.Key, Node = "node-1", Culprit = "node-2", Check = "rvole-mu", Banned = true, Reason = "μ check failed", SentAt = DateTimeOffset.UtcNow }));
        var outcome = await session.Outcome.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(outcome.Succeeded);
        Assert.Equal(["node-2"], outcome.Suspects);
        Assert.Contains("culprit node-2", outcome.Failure, StringComparison.Ordinal);
        var stored = await provider.GetRequiredService<SessionLedger>().OutcomeAsync(session.Key, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.False(stored.Succeeded);
        Assert.Equal(outcome.Failure, stored.Failure);
        Assert.Equal(["node-2"], stored.Suspects);
    }

    [Fact]
    public async Task Malformed_partials_are_ignored_without_faulting()
    {
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();

        await harness.Bus.Publish<PartialSignatureSubmitted>(new { MessageId = NewId.NextGuid() });

        Assert.True(await harness.Consumed.Any<PartialSignatureSubmitted>());
        Assert.False(await harness.Published.Any<Fault<PartialSignatureSubmitted>>());
        Assert.Equal(1, provider.GetRequiredService<NodeReportVerifier>().Refused("partial-signature", "unknown-node"));
    }

    private static async Task PublishAndWait(ITestHarness harness, PartialSignatureSubmitted partial)
    {
        await harness.Bus.Publish(partial);
        Assert.True(await harness.Consumed.Any<PartialSignatureSubmitted>(x => x.Context.Message.MessageId == partial.MessageId));
    }
}
