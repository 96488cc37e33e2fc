using System.Reflection;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Security;
using MpcWallet.Node.Sessions;
using MpcWallet.Node.Tests.Support;

namespace MpcWallet.Node.Tests.Trust;

/// <summary>
/// What real nodes publish for the coordinator (docs/channel.md, "Signed node messages"): every report signed by the
/// sender's identity and no other, and partial signatures sealed to the coordinators of the manifest — so an attacker
/// holding everything one node has (its identity keys included) reads nothing usable from the others' partials on
/// the broker (issue 10: "partials it can read on the broker are useless to it").
/// </summary>
[Collection(NodeHarness.Collection)]
public sealed class SignedReportsTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("mpcwallet-node-reports-").FullName;

    [Fact]
    public async Task Reports_are_signed_by_their_node_and_partials_open_only_for_the_coordinator()
    {
        await using var provider = NodeHarness.Build(_data);
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestInactivityTimeout = TimeSpan.FromSeconds(10);
        await harness.Start();
        var nodes = provider.GetRequiredService<LocalNodes>().All.ToArray();
        var peers = nodes.Select((n, i) => new SessionPeer(n.Id, i + 1, n.IdentityPublicKey)).ToArray();

        var keygen = SessionId.Random(SystemRandomSource.Instance);
        await RunAsync(nodes, peers, keygen, node => node.PrepareKeyGenerationAsync(keygen, "wlt_sealed", 2, KeyPolicy.Strictest, peers, CancellationToken.None));
        foreach (var node in nodes)
        {
            await Eventually.TrueAsync(() => harness.Published.Any<KeyShareStored>(x => x.Context.Message.Node == node.Id && x.Context.Message.SessionId == keygen.ToString()), TimeSpan.FromSeconds(90), $"{node.Id} stores its share");
        }

        foreach (var report in harness.Published.Select<KeyShareStored>().Select(x => x.Context.Message))
        {
            Assert.True(BrokerMessageSignatures.Verify(report, Public(nodes, report.Node)), $"{report.Node}'s report verifies under its key");
            Assert.False(BrokerMessageSignatures.Verify(report, Public(nodes, report.Node == "node-1" ? "node-2" : "node-1")), "and under no other node's");
        }

        var signing = SessionId.Random(SystemRandomSource.Instance);
        var preImage = SigningPreImage.PersonalMessage("sealed partials"u8);
        var pair = new[] { peers[1], peers[2] };
        await RunAsync(nodes[1..], pair, signing, node => node.PrepareSigningAsync(signing, "wlt_sealed", 0, preImage.Digest(), preImage, [], pair, CancellationToken.None));
        var partials = new List<PartialSignatureSubmitted>();
        foreach (var node in nodes[1..])
        {
            await Eventually.TrueAsync(() => harness.Published.Any<PartialSignatureSubmitted>(x => x.Context.Message.Node == node.Id && x.Context.Message.SessionId == signing.ToString()), TimeSpan.FromSeconds(60), $"{node.Id} publishes its partial");
            partials.Add(harness.Published.Select<PartialSignatureSubmitted>(x => x.Context.Message.Node == node.Id && x.Context.Message.SessionId == signing.ToString()).First().Context.Message);
        }

        // The attacker holds node-1 whole: its identity (Ed25519 and X25519 private keys). Node-1 took no part here,
        // and none of node-2's or node-3's partials opens for it; the coordinator opens both.
        var coordinator = provider.GetRequiredKeyedService<CoordinatorIdentity>(NodeHarness.HarnessCoordinatorId);
        var attacker = Vault(nodes[0]).Identity.ExportPrivate();
        foreach (var partial in partials)
        {
            Assert.True(BrokerMessageSignatures.Verify(partial, Public(nodes, partial.Node)));
            Assert.Null(PartialSignatureSeal.OpenWith(partial.Payload, partial.SessionId, partial.Node, attacker.AsSpan(33, 32)));
            var opened = PartialSignatureSeal.Open(partial.Payload, partial.SessionId, partial.Node, coordinator);
            Assert.NotNull(opened);
            Assert.True(opened.Length > 32);
            Assert.Equal(-1, partial.Payload.AsSpan().IndexOf(opened.AsSpan(0, 32)));
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

    private static async Task RunAsync(NodeRuntime[] nodes, SessionPeer[] peers, SessionId session, Func<NodeRuntime, Task<byte[]>> prepare)
    {
        var offers = new Dictionary<int, byte[]>();
        foreach (var node in nodes)
        {
            offers[peers.Single(p => p.NodeId == node.Id).PartyIndex] = await prepare(node);
        }

        foreach (var node in nodes)
        {
            await node.BeginAsync(session, offers, CancellationToken.None);
        }
    }

    private static NodeIdentityPublic Public(NodeRuntime[] nodes, string id) => nodes.Single(n => n.Id == id).Identity;

    // Everything the node holds, as an attacker who took it over would (no test-only API in the node).
    private static NodeVault Vault(NodeRuntime node) =>
        (NodeVault)typeof(NodeRuntime).GetField("_vault", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(node)!;
}
