using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.SignatureRequests;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Tests.Support;
using MpcWallet.Coordinator.Work;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Coordinator.Tests.Messaging;

/// <summary>Signature requests from other modules: one signature per requester-chosen id, refusals answered on <c>events</c>.</summary>
public sealed class SignatureRequestedConsumerTests
{
    [Fact]
    public async Task An_active_wallets_request_becomes_one_pending_signature_and_bad_requests_are_refused()
    {
        var directory = Directory.CreateTempSubdirectory("coordinator-spec-").FullName;
        var store = new CoordinatorStore(new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "c.db")}", "coordinator"));
        await store.MigrateAsync(default);
        await using (var context = store.Open())
        {
            context.Wallets.Add(new WalletRecord { Id = "wlt_1", Tenant = "t", Label = "x", Threshold = 2, Parties = 3, Status = WalletStatus.Active, Nodes = "node-1,node-2,node-3", AllowRawDigest = false, CreatedAt = DateTimeOffset.UtcNow, Sequence = 1 });
            await context.SaveChangesAsync();
        }

        var queue = new WorkQueue();
        await using var provider = CoordinatorHarness.Build(s => s.AddSingleton(store).AddSingleton(queue));
        var harness = provider.GetRequiredService<ITestHarness>();
        // Generous: the whole solution's tests share two cores (a deadline against hangs, not a timing assertion).
        harness.TestTimeout = TimeSpan.FromSeconds(60);
        harness.TestInactivityTimeout = TimeSpan.FromSeconds(15);
        await harness.Start();

        var id = "sig_" + Guid.NewGuid().ToString("N");
        var message = SigningPreImage.PersonalMessage("spec"u8);
        var digest = HexBytes.ToHex(message.Digest());
        await Publish(harness, Request(id, "wlt_1", "t", digest));
        await Publish(harness, Request(id, "wlt_1", "t", digest)); // redelivery
        var refused = new[]
        {
            Request("sig_" + Guid.NewGuid().ToString("N"), "wlt_1", "other-tenant", digest),
            // A raw digest (no pre-image) on a wallet that does not allow them, and a pre-image of another digest.
            Request("sig_" + Guid.NewGuid().ToString("N"), "wlt_1", "t", digest) with { PreImageKind = null, PreImage = null },
            Request("sig_" + Guid.NewGuid().ToString("N"), "wlt_1", "t", "0x" + new string('a', 64)),
            Request("sig_" + Guid.NewGuid().ToString("N"), "wlt_missing", "t", digest),
            Request("not-an-id", "wlt_1", "t", digest),
            Request("sig_" + Guid.NewGuid().ToString("N"), "wlt_1", "t", "0x1234"),
        };
        foreach (var request in refused)
        {
            await Publish(harness, request);
            Assert.True(await harness.Published.Any<SignatureFailed>(m => m.Context.Message.SignatureId == request.SignatureId));
        }

        await using (var context = store.Open())
        {
            var signature = Assert.Single(await context.Signatures.ToListAsync());
            Assert.Equal(id, signature.Id);
            Assert.Equal(SignatureStatus.Pending, signature.Status);
            Assert.Equal(digest, signature.Digest);
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var queued = new List<WorkItem>();
        try
        {
            await foreach (var item in queue.ReadAllAsync(cancel.Token))
            {
                queued.Add(item);
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Equal([(WorkKind.Signing, id)], queued.Select(q => (q.Kind, q.Id)));
    }

    private static SignatureRequested Request(string id, string wallet, string tenant, string digest) =>
        new()
        {
            MessageId = NewId.NextGuid(),
            SignatureId = id,
            WalletId = wallet,
            Tenant = tenant,
            Digest = digest,
            PreImageKind = SigningPreImageText.PersonalMessage,
            PreImage = HexBytes.ToHex("spec"u8),
            Purpose = "spec",
            RequestedAt = DateTimeOffset.UtcNow,
        };

    private static async Task Publish(ITestHarness harness, SignatureRequested request)
    {
        await harness.Bus.Publish(request);
        Assert.True(await harness.Consumed.Any<SignatureRequested>(c => c.Context.Message.MessageId == request.MessageId));
    }
}
