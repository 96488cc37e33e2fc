using System.Security.Cryptography;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Coordinator.Orchestration;
using MpcWallet.Coordinator.Outbox;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Signing;
using MpcWallet.Coordinator.Tests.Support;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Mpc.KeyShares;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace MpcWallet.Coordinator.Tests.Messaging;

/// <summary>
/// The coordinator collects real partial signatures from the bus, aggregates them with the engine, checks the result
/// and publishes it on signatures_final and events; partials that do not combine publish nothing.
/// </summary>
public sealed class SignatureAggregationSpecs : IDisposable
{
    private static readonly Lazy<IReadOnlyDictionary<int, KeyShare>> Shares = new(() => EngineRun.KeyGeneration(2, 3));
    private readonly string _data = Directory.CreateTempSubdirectory("mpcwallet-coordinator-").FullName;

    [Fact]
    public async Task Partials_from_the_bus_are_aggregated_verified_persisted_and_published()
    {
        var digest = RandomNumberGenerator.GetBytes(32);
        var partials = EngineRun.Sign(Shares.Value, [1, 3], digest);
        await using var provider = Build();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var signature = await SeedAsync(provider, digest);
        var session = new ActiveSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), SessionPurpose.Signing, signature.Id, ["node-1", "node-3"]);
        provider.GetRequiredService<ActiveSessions>().Add(session);

        await harness.Bus.Publish(Partial(session, "node-3", partials[3].Encode()));
        await harness.Bus.Publish(Partial(session, "node-3", partials[3].Encode()));
        await harness.Bus.Publish(Partial(session, "node-1", partials[1].Encode()));
        Assert.True((await session.Outcome.WaitAsync(TimeSpan.FromSeconds(10))).Succeeded);
        await provider.GetRequiredService<SignatureFinalizer>().CompleteAsync(signature, PublicKey, digest, session.Partials, ["node-1", "node-2", "node-3"], CancellationToken.None);
        Assert.False(await harness.Published.Any<SignatureFinalized>(), "published only from the committed outbox");
        Assert.Equal(2, await provider.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None));
        Assert.Equal(0, await provider.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None));

        Assert.True(await harness.Published.Any<SignatureFinalized>(x => x.Context.Message.SignatureId == signature.Id));
        Assert.True(await harness.Published.Any<SignatureCompleted>(x => x.Context.Message.SignatureId == signature.Id));
        var final = harness.Published.Select<SignatureFinalized>().Single().Context.Message;
        Assert.Equal(new[] { "node-1", "node-3" }, final.Nodes);
        Assert.True(Verifies(digest, final.R, final.S));
        await using var context = provider.GetRequiredService<CoordinatorStore>().Open();
        var stored = context.Signatures.Single(s => s.Id == signature.Id);
        Assert.Equal(SignatureStatus.Completed, stored.Status);
        Assert.Equal(final.R, stored.R);
    }

    [Fact]
    public async Task Partials_that_do_not_combine_are_refused_and_nothing_is_published()
    {
        var digest = RandomNumberGenerator.GetBytes(32);
        var partials = EngineRun.Sign(Shares.Value, [1, 3], digest);
        var foreign = EngineRun.Sign(Shares.Value, [1, 3], RandomNumberGenerator.GetBytes(32));
        await using var provider = Build();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var signature = await SeedAsync(provider, digest);
        var session = new ActiveSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), SessionPurpose.Signing, signature.Id, ["node-1", "node-3"]);
        provider.GetRequiredService<ActiveSessions>().Add(session);

        await harness.Bus.Publish(Partial(session, "node-1", partials[1].Encode()));
        await harness.Bus.Publish(Partial(session, "node-3", foreign[3].Encode()));
        Assert.True((await session.Outcome.WaitAsync(TimeSpan.FromSeconds(10))).Succeeded);

        await Assert.ThrowsAsync<SignatureAggregationException>(() =>
            provider.GetRequiredService<SignatureFinalizer>().CompleteAsync(signature, PublicKey, digest, session.Partials, ["node-1", "node-2", "node-3"], CancellationToken.None));
        Assert.Equal(0, await provider.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None));
        Assert.False(await harness.Published.Any<SignatureFinalized>());
        await using var context = provider.GetRequiredService<CoordinatorStore>().Open();
        Assert.Equal(SignatureStatus.Pending, context.Signatures.Single(s => s.Id == signature.Id).Status);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static byte[] PublicKey => Shares.Value[1].PublicKey.Encode();

    private ServiceProvider Build() => CoordinatorHarness.Build(services => services
        .AddSingleton(new CoordinatorStore(new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_data, Guid.NewGuid().ToString("N"))}.db", "coordinator")))
        .AddSingleton<ISignatureEngine, DklsSignatureEngine>()
        .AddSingleton<OutboxDispatcher>()
        .AddSingleton<SignatureFinalizer>());

    private static async Task<SignatureRecord> SeedAsync(IServiceProvider provider, byte[] digest)
    {
        var store = provider.GetRequiredService<CoordinatorStore>();
        await store.MigrateAsync(CancellationToken.None);
        var signature = new SignatureRecord
        {
            Id = "sig_" + Guid.NewGuid().ToString("N"),
            Tenant = "t",
            WalletId = "wlt_1",
            Type = "digest",
            Status = SignatureStatus.Pending,
            Digest = "0x" + Convert.ToHexStringLower(digest),
            DerivationPath = "",
            Nodes = "",
            CreatedAt = DateTimeOffset.UtcNow,
            DeadlineAt = DateTimeOffset.UtcNow.AddMinutes(1),
        };
        await using var context = store.Open();
        context.Signatures.Add(signature);
        await context.SaveChangesAsync();
        context.Entry(signature).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        return signature;
    }

    private static PartialSignatureSubmitted Partial(ActiveSession session, string node, byte[] payload) =>
        new() { MessageId = NewId.NextGuid(), SessionId = session.Key, Node = node, Payload = payload };

    private static bool Verifies(byte[] digest, string r, string s)
    {
        var curve = SecNamedCurves.GetByName("secp256k1");
        var verifier = new ECDsaSigner();
        verifier.Init(false, new ECPublicKeyParameters(curve.Curve.DecodePoint(PublicKey), new ECDomainParameters(curve)));
        return verifier.VerifySignature(digest, new BigInteger(1, Convert.FromHexString(r[2..])), new BigInteger(1, Convert.FromHexString(s[2..])));
    }
}
