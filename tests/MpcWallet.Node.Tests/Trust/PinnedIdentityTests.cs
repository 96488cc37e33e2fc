using Google.Protobuf;
using Grpc.Core;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Control;
using MpcWallet.Contracts.Rounds;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Tests.Support;

namespace MpcWallet.Node.Tests.Trust;

/// <summary>
/// Finding H2: nodes take their peers' channel identities from the cluster manifest, never from the coordinator. A
/// coordinator (enrolled, then turned malicious — or anyone on its links) that substitutes its own keys for the peers'
/// during key generation would otherwise sit in the middle of every node-to-node message and read each Feldman share:
/// the whole key. Three nodes on the in-memory bus with their real NodeControl servers, commanded over gRPC.
/// </summary>
[Collection(NodeHarness.Collection)]
public sealed class PinnedIdentityTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("mpcwallet-node-pinning-").FullName;

    [Fact]
    public async Task A_coordinator_substituting_channel_keys_during_key_generation_is_refused_by_every_node_naming_it()
    {
        await using var provider = NodeHarness.Build(_data);
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestTimeout = TimeSpan.FromSeconds(60);
        harness.TestInactivityTimeout = TimeSpan.FromSeconds(10);
        await harness.Start();
        var nodes = provider.GetRequiredService<LocalNodes>().All.ToArray();
        using var evil = new CommandIssuer(provider.GetRequiredService<ClusterTrust>(), "coordinator-evil", _data);

        // The coordinator's own keys in place of each node's peers (each node is given its own identity, or it would
        // not even recognise itself): with them it could open every direct message, shares included.
        var impostors = nodes.Select(_ => NodeIdentity.Generate(SystemRandomSource.Instance)).ToArray();
        var session = SessionId.Random(SystemRandomSource.Instance);
        foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
        {
            var participants = nodes.Select((peer, j) => (peer.Id, j == i ? peer.IdentityPublicKey : impostors[j].Public.Encode()));
            var command = evil.Sign(session, new NodeCommand { StartKeyGeneration = CommandIssuer.KeyGeneration(session, "wlt_mitm", participants) });
            var refused = await Assert.ThrowsAsync<RpcException>(async () => await CommandIssuer.Client(node.Endpoint!).StartKeyGenerationAsync(command));
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
            Assert.Contains("coordinator coordinator-evil sent a channel identity", refused.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(0, node.ActiveSessionCount);
        }

        // Nothing left any node for that session: no round message (so no share under any key), no stored share.
        await Task.Delay(500);
        Assert.False(harness.Published.Select<RoundMessage>(x => x.Context.Message.SessionId == session.ToString()).Any());
        Assert.False(harness.Sent.Select<RoundMessage>(x => x.Context.Message.SessionId == session.ToString()).Any());
        Assert.False(harness.Published.Select<KeyShareStored>(x => x.Context.Message.SessionId == session.ToString()).Any());

        // The control: the same coordinator with the manifest's identities runs key generation to the end.
        var honest = SessionId.Random(SystemRandomSource.Instance);
        var genuine = CommandIssuer.KeyGeneration(honest, "wlt_pinned", nodes.Select(n => (n.Id, n.IdentityPublicKey)));
        await RunKeyGenerationAsync(evil, nodes, honest, genuine);
        foreach (var node in nodes)
        {
            await Eventually.TrueAsync(() => harness.Published.Select<KeyShareStored>(x => x.Context.Message.SessionId == honest.ToString() && x.Context.Message.Node == node.Id).Any(), TimeSpan.FromSeconds(30), $"{node.Id} stores its share");
        }
    }

    [Fact]
    public async Task A_substituted_session_key_offer_at_begin_is_refused_naming_the_coordinator()
    {
        await using var provider = NodeHarness.Build(_data);
        await provider.GetRequiredService<ITestHarness>().Start();
        var nodes = provider.GetRequiredService<LocalNodes>().All.ToArray();
        using var evil = new CommandIssuer(provider.GetRequiredService<ClusterTrust>(), "coordinator-evil", _data);
        var session = SessionId.Random(SystemRandomSource.Instance);
        var prepare = evil.Sign(session, new NodeCommand { StartKeyGeneration = CommandIssuer.KeyGeneration(session, "wlt_offer", nodes.Select(n => (n.Id, n.IdentityPublicKey))) });
        var offers = new Dictionary<uint, ByteString>();
        foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
        {
            offers[(uint)i + 1] = (await CommandIssuer.Client(node.Endpoint!).StartKeyGenerationAsync(prepare)).SessionKeyOffer;
        }

        // Party 2's offer replaced by one the coordinator made with its own identity (over a directory naming itself there).
        using var impostor = NodeIdentity.Generate(SystemRandomSource.Instance);
        var directory = new PeerDirectory(new Dictionary<int, NodeIdentityPublic> { [1] = nodes[0].Identity, [2] = impostor.Public, [3] = nodes[2].Identity });
        using var forged = new SessionKeyAgreement(impostor, 2, directory, session, SystemRandomSource.Instance);
        offers[2] = ByteString.CopyFrom(forged.Offer.Encode());
        var begin = new BeginSessionRequest { SessionId = ByteString.CopyFrom(session.Span) };
        begin.SessionKeyOffers.Add(offers);

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await CommandIssuer.Client(nodes[0].Endpoint!).BeginSessionAsync(evil.Sign(session, new NodeCommand { BeginSession = begin })));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("party 2", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("coordinator coordinator-evil", refused.Status.Detail, StringComparison.Ordinal);
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

    private static async Task RunKeyGenerationAsync(CommandIssuer coordinator, NodeRuntime[] nodes, SessionId session, StartKeyGenerationRequest request)
    {
        var prepare = coordinator.Sign(session, new NodeCommand { StartKeyGeneration = request });
        var begin = new BeginSessionRequest { SessionId = ByteString.CopyFrom(session.Span) };
        foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
        {
            begin.SessionKeyOffers[(uint)i + 1] = (await CommandIssuer.Client(node.Endpoint!).StartKeyGenerationAsync(prepare)).SessionKeyOffer;
        }

        var signedBegin = coordinator.Sign(session, new NodeCommand { BeginSession = begin });
        await Task.WhenAll(nodes.Select(async n => await CommandIssuer.Client(n.Endpoint!).BeginSessionAsync(signedBegin)));
    }
}
