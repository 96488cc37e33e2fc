using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Ethereum.Transactions;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Security;
using MpcWallet.Node.Sessions;
using MpcWallet.Node.Tests.Support;

namespace MpcWallet.Node.Tests.Admission;

/// <summary>
/// A node checks what a signing command asks it to sign (docs/design-trust.md, "Commands a node can check"): the
/// digest must be the pre-image's, and a raw digest is signed only for a wallet whose policy — fixed at key
/// generation, sealed with the share — allows it. Driven directly at the node, as a coordinator (or anyone holding
/// its credentials) would.
/// </summary>
[Collection(NodeHarness.Collection)]
public sealed class PreImageCheckTests : IDisposable
{
    private const string TypedDataJson =
        """{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"chainId","type":"uint256"}],"Mail":[{"name":"contents","type":"string"}]},"primaryType":"Mail","domain":{"name":"spec","chainId":1},"message":{"contents":"hello"}}""";

    private readonly string _data = Directory.CreateTempSubdirectory("mpcwallet-node-").FullName;

    [Fact]
    public async Task A_signing_command_is_refused_unless_its_pre_image_hashes_to_its_digest_and_raw_digests_only_where_the_wallet_allows_them()
    {
        await using var provider = NodeHarness.Build(_data);
        var (harness, nodes, peers) = await StartAsync(provider);
        await GenerateAsync(harness, nodes, peers, "wlt_strict", KeyPolicy.Strictest);
        await GenerateAsync(harness, nodes, peers, "wlt_raw", new KeyPolicy(AllowRawDigest: true));
        var pair = new[] { peers[0], peers[1] };
        var transaction = new Eip1559Transaction(1, 7, UInt256.Parse("1"), UInt256.Parse("2"), 21000, EthereumAddress.Parse("0x00000000000000000000000000000000000000aa"), UInt256.Parse("5"), []);

        // What the API and the transaction service send: each is admitted with its own digest.
        foreach (var preImage in new[]
                 {
                     SigningPreImage.PersonalMessage("hello"u8),
                     SigningPreImage.TypedData(TypedDataJson),
                     SigningPreImage.Eip1559Transaction(transaction.GetSigningPayload()),
                 })
        {
            await AdmitAsync(nodes[0], "wlt_strict", preImage.Digest(), preImage, pair);
        }

        // A pre-image of another digest: the coordinator claims one thing and asks for the signature of another.
        var other = SigningPreImage.PersonalMessage("goodbye"u8).Digest();
        var mismatch = await RefusedAsync(nodes[0], "wlt_strict", other, SigningPreImage.PersonalMessage("hello"u8), pair);
        Assert.Contains("hashes to", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("not to the command's digest 0x" + Convert.ToHexStringLower(other), mismatch.Message, StringComparison.Ordinal);

        // The transaction's signing hash under a typed-data or message label, a transaction that is not one, no pre-image.
        var signingHash = transaction.GetSigningHash();
        await RefusedAsync(nodes[0], "wlt_strict", signingHash, SigningPreImage.PersonalMessage(transaction.GetSigningPayload()), pair);
        var notATransaction = await RefusedAsync(nodes[0], "wlt_strict", Keccak(new byte[] { 0x02, 0xc0 }), SigningPreImage.Eip1559Transaction(new byte[] { 0x02, 0xc0 }), pair);
        Assert.Contains("malformed", notATransaction.Message, StringComparison.Ordinal);
        var missing = await RefusedAsync(nodes[0], "wlt_strict", signingHash, null, pair);
        Assert.Contains("carries no pre-image", missing.Message, StringComparison.Ordinal);

        // A raw digest: refused by the strict wallet's policy, signed for the wallet that allows it.
        var raw = await RefusedAsync(nodes[0], "wlt_strict", signingHash, SigningPreImage.RawDigest(signingHash), pair);
        Assert.Contains("does not allow raw digests", raw.Message, StringComparison.Ordinal);
        await RefusedAsync(nodes[1], "wlt_strict", signingHash, SigningPreImage.RawDigest(signingHash), pair);
        await AdmitAsync(nodes[0], "wlt_raw", signingHash, SigningPreImage.RawDigest(signingHash), pair);
        // ...but even there, marked raw, it must be the digest itself.
        await RefusedAsync(nodes[0], "wlt_raw", signingHash, SigningPreImage.RawDigest(other), pair);
    }

    [Fact]
    public async Task A_share_whose_stored_policy_was_loosened_no_longer_opens()
    {
        await using var provider = NodeHarness.Build(_data);
        var (harness, nodes, peers) = await StartAsync(provider);
        await GenerateAsync(harness, nodes, peers, "wlt_strict", KeyPolicy.Strictest);
        var digest = new byte[32];
        digest[0] = 1;

        // Whoever can write the node's database loosens the policy (or makes the share look older than policies).
        foreach (bool? loosened in new bool?[] { true, null })
        {
            await using (var context = nodes[0].Store.Open())
            {
                await context.KeyShares.Where(s => s.WalletId == "wlt_strict").ExecuteUpdateAsync(s => s.SetProperty(x => x.AllowRawDigest, loosened));
            }

            var refused = await RefusedAsync(nodes[0], "wlt_strict", digest, SigningPreImage.RawDigest(digest), [peers[0], peers[1]], SessionRefusal.Other);
            Assert.Contains("does not open", refused.Message, StringComparison.Ordinal);
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

    private static byte[] Keccak(byte[] bytes) => MpcWallet.Ethereum.Hashing.Keccak256.Hash(bytes);

    private static async Task<(ITestHarness Harness, NodeRuntime[] Nodes, SessionPeer[] Peers)> StartAsync(ServiceProvider provider)
    {
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestInactivityTimeout = TimeSpan.FromSeconds(10);
        await harness.Start();
        var nodes = provider.GetRequiredService<LocalNodes>().All.ToArray();
        return (harness, nodes, nodes.Select((n, i) => new SessionPeer(n.Id, i + 1, n.IdentityPublicKey)).ToArray());
    }

    private static async Task GenerateAsync(ITestHarness harness, NodeRuntime[] nodes, SessionPeer[] peers, string wallet, KeyPolicy policy)
    {
        var session = SessionId.Random(SystemRandomSource.Instance);
        var offers = new Dictionary<int, byte[]>();
        for (var i = 0; i < nodes.Length; i++)
        {
            offers[i + 1] = await nodes[i].PrepareKeyGenerationAsync(session, wallet, 2, policy, peers, CancellationToken.None);
        }

        foreach (var node in nodes)
        {
            await node.BeginAsync(session, offers, CancellationToken.None);
        }

        foreach (var node in nodes)
        {
            await Eventually.TrueAsync(
                () => harness.Published.Any<KeyShareStored>(x => x.Context.Message.Node == node.Id && x.Context.Message.SessionId == session.ToString()),
                TimeSpan.FromSeconds(90),
                $"{node.Id} stores its share of {wallet}");
        }
    }

    /// <summary>Admitted; the prepared session is aborted again (it must not hold the node's per-peer budget).</summary>
    private static async Task AdmitAsync(NodeRuntime node, string wallet, byte[] digest, SigningPreImage preImage, SessionPeer[] pair)
    {
        var session = SessionId.Random(SystemRandomSource.Instance);
        await node.PrepareSigningAsync(session, wallet, 0, digest, preImage, [], pair, CancellationToken.None);
        Assert.True(await node.AbortAsync(session, "spec", CancellationToken.None));
    }

    private static async Task<SessionRefusedException> RefusedAsync(NodeRuntime node, string wallet, byte[] digest, SigningPreImage? preImage, SessionPeer[] pair, SessionRefusal kind = SessionRefusal.Command)
    {
        var refused = await Assert.ThrowsAsync<SessionRefusedException>(() =>
            node.PrepareSigningAsync(SessionId.Random(SystemRandomSource.Instance), wallet, 0, digest, preImage, [], pair, CancellationToken.None));
        Assert.Equal(kind, refused.Refusal);
        return refused;
    }
}
