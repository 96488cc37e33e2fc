using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Security;
using MpcWallet.Node.Sessions;
using MpcWallet.Node.Tests.Support;

namespace MpcWallet.Node.Tests.Lifecycle;

/// <summary>
/// Generations at the nodes (docs/design-lifecycle.md) on the in-memory harness with the real engine: a refresh's
/// result is stored pending and never opened for signing or refreshing unless named after the switch; a retried refresh
/// replaces a pending result; the commit erases older shares; a generation a node does not hold committed is refused.
/// </summary>
[Collection(NodeHarness.Collection)]
public sealed class RefreshGenerationTests : IDisposable
{
    private const string Wallet = "wlt_refresh";
    private readonly string _data = Directory.CreateTempSubdirectory("mpcwallet-node-refresh-").FullName;

    [Fact]
    public async Task A_refresh_stays_pending_until_committed_and_a_generation_not_held_committed_is_refused()
    {
        await using var provider = NodeHarness.Build(_data);
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestInactivityTimeout = TimeSpan.FromSeconds(5);
        await harness.Start();
        var nodes = provider.GetRequiredService<LocalNodes>().All.ToArray();
        var peers = nodes.Select((n, i) => new SessionPeer(n.Id, i + 1, n.IdentityPublicKey)).ToArray();

        var keygen = await RunAsync(harness, nodes, (node, session) => node.PrepareKeyGenerationAsync(session, Wallet, 2, KeyPolicy.Strictest, peers, CancellationToken.None));
        Assert.All(keygen, r => Assert.Equal(0u, r.KeyVersion));

        // Generation 1 does not exist yet: a signing command naming it is refused.
        var message = SigningPreImage.PersonalMessage("generations"u8);
        var refused = await Assert.ThrowsAsync<SessionRefusedException>(() => SignAsync(nodes[0], 1, peers[0], peers[1]));
        Assert.Contains("holds no share of wallet wlt_refresh generation 1", refused.Message, StringComparison.Ordinal);

        // A refresh: every holder stores generation 1 pending, same key, one key id.
        var first = await RunAsync(harness, nodes, (node, session) => node.PrepareRefreshAsync(session, Wallet, 0, peers, CancellationToken.None));
        Assert.All(first, r => Assert.Equal(1u, r.KeyVersion));
        Assert.All(first, r => Assert.Equal(keygen[0].PublicKey, r.PublicKey));
        Assert.All(first, r => Assert.Equal(keygen[0].ChainCode, r.ChainCode));
        Assert.Single(first.Select(r => r.KeyId).Distinct());
        Assert.NotEqual(keygen[0].KeyId, first[0].KeyId);
        foreach (var node in nodes)
        {
            Assert.Equal(ShareStatus.Pending, (await node.Store.ShareAsync(Wallet, 1, CancellationToken.None))!.Status);
            Assert.Equal(ShareStatus.Committed, (await node.Store.ShareAsync(Wallet, 0, CancellationToken.None))!.Status);
        }

        // Before the switch the wallet signs with generation 0; the pending result is not refreshed from.
        await SignAsync(nodes[2], 0, peers[2], peers[0]);
        var notCommitted = await Assert.ThrowsAsync<SessionRefusedException>(() => nodes[2].PrepareRefreshAsync(NewSession(), Wallet, 1, peers, CancellationToken.None));
        Assert.Contains("only pending", notCommitted.Message, StringComparison.Ordinal);

        // The refresh "failed before the switch" and is retried: the pending result is replaced, never a committed one.
        var retried = await RunAsync(harness, nodes, (node, session) => node.PrepareRefreshAsync(session, Wallet, 0, peers, CancellationToken.None));
        Assert.Single(retried.Select(r => r.KeyId).Distinct());
        Assert.NotEqual(first[0].KeyId, retried[0].KeyId);
        Assert.Equal(2, (await nodes[0].Store.HeldKeysAsync(CancellationToken.None)).Count(k => k.WalletId == Wallet));

        // The commit: generation 1 committed, generation 0 erased; idempotent.
        Assert.Equal((true, 1), await nodes[0].CommitGenerationAsync(Wallet, 1, CancellationToken.None));
        Assert.Equal((true, 0), await nodes[0].CommitGenerationAsync(Wallet, 1, CancellationToken.None));
        Assert.Equal(new[] { (Wallet, 1L) }, (await nodes[0].Store.HeldKeysAsync(CancellationToken.None)).Where(k => k.WalletId == Wallet).ToArray());
        var erased = await Assert.ThrowsAsync<SessionRefusedException>(() => SignAsync(nodes[0], 0, peers[0], peers[1]));
        Assert.Contains("holds no share of wallet wlt_refresh generation 0", erased.Message, StringComparison.Ordinal);
        var share = await nodes[0].LoadShareAsync(Wallet, 1, CancellationToken.None);
        Assert.Equal(retried[0].KeyId, Convert.ToHexStringLower(share.KeyId));
        share.Clear();

        // node-2 missed the commit: a signed signing command naming generation 1 implies it (and erases generation 0).
        await SignAsync(nodes[1], 1, peers[1], peers[0]);
        Assert.Equal(new[] { (Wallet, 1L) }, (await nodes[1].Store.HeldKeysAsync(CancellationToken.None)).Where(k => k.WalletId == Wallet).ToArray());

        // A commit of a generation the node does not hold erases nothing.
        Assert.Equal((false, 0), await nodes[2].CommitGenerationAsync(Wallet, 5, CancellationToken.None));
        Assert.Equal(2, (await nodes[2].Store.HeldKeysAsync(CancellationToken.None)).Count(k => k.WalletId == Wallet));

        async Task SignAsync(NodeRuntime node, long keyVersion, params SessionPeer[] signers)
        {
            var session = NewSession();
            await node.PrepareSigningAsync(session, Wallet, keyVersion, message.Digest(), message, [], signers, CancellationToken.None);
            await node.AbortAsync(session, "test: admission only", CancellationToken.None);
        }
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

    private static SessionId NewSession() => SessionId.Random(SystemRandomSource.Instance);

    /// <summary>Prepares and begins a session at every node, then waits for every node's stored-key report.</summary>
    private static async Task<KeyShareStored[]> RunAsync(ITestHarness harness, NodeRuntime[] nodes, Func<NodeRuntime, SessionId, Task<byte[]>> prepare)
    {
        var session = NewSession();
        var offers = new Dictionary<int, byte[]>();
        for (var i = 0; i < nodes.Length; i++)
        {
            offers[i + 1] = await prepare(nodes[i], session);
        }

        foreach (var node in nodes)
        {
            await node.BeginAsync(session, offers, CancellationToken.None);
        }

        var id = session.ToString();
        // The harness's Any gives up after its inactivity timeout; a loaded machine computes longer than that between rounds.
        await Eventually.TrueAsync(
            () => harness.Published.Select<KeyShareStored>().Count(x => x.Context.Message.SessionId == id) == nodes.Length,
            TimeSpan.FromSeconds(120),
            $"every node reports its share of session {id}");
        Assert.DoesNotContain(harness.Published.Select<SessionFailed>(), x => x.Context.Message.SessionId == id);
        return harness.Published.Select<KeyShareStored>().Select(x => x.Context.Message).Where(m => m.SessionId == id).OrderBy(m => m.PartyIndex).ToArray();
    }
}
