using System.Security.Cryptography;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Tests.Support;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Trust;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace MpcWallet.Coordinator.Tests.Messaging;

/// <summary>
/// The coordinator collects real partial signatures from the bus; the consumer storing the last one aggregates them
/// with the engine, checks the result and commits it with its signatures_final and events messages (outbox);
/// partials that do not combine fail the session and publish nothing.
/// </summary>
public sealed class SignatureAggregationTests
{
    [Fact]
    public async Task Partials_from_the_bus_are_aggregated_verified_persisted_and_published()
    {
        var digest = RandomNumberGenerator.GetBytes(32);
        var partials = EngineRun.Sign(SigningFixture.Shares, [1, 3], digest);
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var store = provider.GetRequiredService<CoordinatorStore>();
        var signatureId = await SigningFixture.SeedAsync(store, digest);
        var session = SigningFixture.NewSession(signatureId, "node-1", "node-3");
        await provider.GetRequiredService<SessionLedger>().StartAsync(session, TimeSpan.FromMinutes(1), CancellationToken.None);
        provider.GetRequiredService<ActiveSessions>().Add(session);

        await harness.Bus.Publish(SigningFixture.Partial(provider, session.Key, "node-3", partials[3].Encode()));
        await harness.Bus.Publish(SigningFixture.Partial(provider, session.Key, "node-3", partials[3].Encode()));
        await harness.Bus.Publish(SigningFixture.Partial(provider, session.Key, "node-1", partials[1].Encode()));
        Assert.True((await session.Outcome.WaitAsync(TimeSpan.FromSeconds(30))).Succeeded);
        Assert.False(await harness.Published.Any<SignatureFinalized>(), "published only from the committed outbox");
        var dispatcher = provider.GetRequiredService<OutboxDispatcher<CoordinatorDbContext>>();
        Assert.Equal(2, await dispatcher.DispatchPendingAsync(CancellationToken.None));
        Assert.Equal(0, await dispatcher.DispatchPendingAsync(CancellationToken.None));

        Assert.True(await harness.Published.Any<SignatureFinalized>(x => x.Context.Message.SignatureId == signatureId));
        Assert.True(await harness.Published.Any<SignatureCompleted>(x => x.Context.Message.SignatureId == signatureId));
        var final = harness.Published.Select<SignatureFinalized>().Single().Context.Message;
        Assert.Equal(new[] { "node-1", "node-3" }, final.Nodes);
        Assert.True(Verifies(digest, final.R, final.S));

        // Signed by this coordinator instance, as the manifest lists it (through the outbox's JSON round trip).
        Assert.Equal("coordinator-test", final.Coordinator);
        var listed = provider.GetRequiredService<ClusterTrust>().Manifest.FindCoordinator(final.Coordinator)!;
        Assert.True(BrokerMessageSignatures.Verify(final, listed));
        Assert.False(BrokerMessageSignatures.Verify(final with { V = final.V ^ 1 }, listed));
        await using var context = store.Open();
        var stored = await context.Signatures.AsNoTracking().SingleAsync(s => s.Id == signatureId);
        Assert.Equal(SignatureStatus.Completed, stored.Status);
        Assert.Equal(final.R, stored.R);
        Assert.Equal(SessionStatus.Completed, (await context.Sessions.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task Partials_that_do_not_combine_fail_the_session_and_nothing_is_published()
    {
        var digest = RandomNumberGenerator.GetBytes(32);
        var partials = EngineRun.Sign(SigningFixture.Shares, [1, 3], digest);
        var foreign = EngineRun.Sign(SigningFixture.Shares, [1, 3], RandomNumberGenerator.GetBytes(32));
        await using var provider = await CoordinatorHarness.StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var store = provider.GetRequiredService<CoordinatorStore>();
        var signatureId = await SigningFixture.SeedAsync(store, digest);
        var session = SigningFixture.NewSession(signatureId, "node-1", "node-3");
        await provider.GetRequiredService<SessionLedger>().StartAsync(session, TimeSpan.FromMinutes(1), CancellationToken.None);
        provider.GetRequiredService<ActiveSessions>().Add(session);

        await harness.Bus.Publish(SigningFixture.Partial(provider, session.Key, "node-1", partials[1].Encode()));
        await harness.Bus.Publish(SigningFixture.Partial(provider, session.Key, "node-3", foreign[3].Encode()));
        var outcome = await session.Outcome.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(outcome.Succeeded);
        Assert.Equal(0, await provider.GetRequiredService<OutboxDispatcher<CoordinatorDbContext>>().DispatchPendingAsync(CancellationToken.None));
        Assert.False(await harness.Published.Any<SignatureFinalized>());
        await using var context = store.Open();
        Assert.Equal(SignatureStatus.Pending, (await context.Signatures.AsNoTracking().SingleAsync(s => s.Id == signatureId)).Status);
        Assert.Equal(SessionStatus.Failed, (await context.Sessions.AsNoTracking().SingleAsync()).Status);
    }

    private static bool Verifies(byte[] digest, string r, string s)
    {
        var curve = SecNamedCurves.GetByName("secp256k1");
        var verifier = new ECDsaSigner();
        verifier.Init(false, new ECPublicKeyParameters(curve.Curve.DecodePoint(SigningFixture.PublicKey), new ECDomainParameters(curve)));
        return verifier.VerifySignature(digest, new BigInteger(1, Convert.FromHexString(r[2..])), new BigInteger(1, Convert.FromHexString(s[2..])));
    }
}
