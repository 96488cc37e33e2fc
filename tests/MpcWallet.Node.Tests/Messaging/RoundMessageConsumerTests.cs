using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Rounds;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Sessions;
using MpcWallet.Node.Tests.Support;
using MpcWallet.Node.Security;
using MpcWallet.Ethereum.Signing;

namespace MpcWallet.Node.Tests.Messaging;

/// <summary>
/// The node's mpc_rounds consumer on the in-memory harness with the real engine and channel: a key generation runs
/// over the bus, and malformed, foreign, duplicate, tampered and late messages are dropped (counted, never blamed,
/// never a fault).
/// </summary>
[Collection(NodeHarness.Collection)]
public sealed class RoundMessageConsumerTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("mpcwallet-node-").FullName;

    [Fact]
    public async Task Malformed_foreign_and_misaddressed_messages_are_dropped_without_faulting()
    {
        await using var provider = NodeHarness.Build(_data);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var node1 = provider.GetRequiredService<LocalNodes>().Find("node-1")!;

        await SendAsync(harness, "node-1", new RoundMessage { MessageId = NewId.NextGuid(), SessionId = "not-hex", Round = 1, Sender = "node-2", Recipient = "node-1", Payload = [] });
        await SendAsync(harness, "node-1", new RoundMessage { MessageId = NewId.NextGuid(), SessionId = new string('a', 64), Round = 1, Sender = "node-2", Recipient = "node-1", Payload = [1, 2, 3] });
        await SendAsync(harness, "node-1", new RoundMessage { MessageId = NewId.NextGuid(), SessionId = new string('a', 64), Round = 1, Sender = "node-2", Recipient = "node-3", Payload = [1, 2, 3] });
        var endpoint = await harness.Bus.GetSendEndpoint(new Uri("queue:" + BrokerChannelsQueue("node-1")));
        await endpoint.Send<RoundMessage>(new { MessageId = NewId.NextGuid() });
        Assert.True(await harness.Consumed.Any<RoundMessage>(x => x.Context.Message.Payload == null));

        Assert.Equal(2, node1.Drops[DropReason.Malformed]);
        Assert.Equal(1, node1.Drops[DropReason.UnknownSession]);
        Assert.Equal(1, node1.Drops[DropReason.NotAddressedToThisNode]);
        Assert.False(await harness.Published.Any<Fault<RoundMessage>>());
    }

    [Fact]
    public async Task Key_generation_runs_over_the_bus_and_duplicates_tampering_and_late_messages_are_dropped()
    {
        await using var provider = NodeHarness.Build(_data);
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestInactivityTimeout = TimeSpan.FromSeconds(5);
        await harness.Start();
        var nodes = provider.GetRequiredService<LocalNodes>().All.ToArray();
        var peers = nodes.Select((n, i) => new SessionPeer(n.Id, i + 1, n.IdentityPublicKey)).ToArray();
        var session = SessionId.Random(SystemRandomSource.Instance);
        var offers = new Dictionary<int, byte[]>();
        for (var i = 0; i < nodes.Length; i++)
        {
            offers[i + 1] = await nodes[i].PrepareKeyGenerationAsync(session, "wlt_test", 2, KeyPolicy.Strictest, peers, CancellationToken.None);
        }

        // Node 1 starts alone: its round-1 broadcast reaches prepared peers, who keep it sealed until their begin.
        await nodes[0].BeginAsync(session, offers, CancellationToken.None);
        Assert.True(await harness.Published.Any<RoundMessage>(x => x.Context.Message.Sender == "node-1"));
        var first = harness.Published.Select<RoundMessage>(x => x.Context.Message.Sender == "node-1").First().Context.Message;
        await harness.Bus.Publish(first);
        var tampered = first with { MessageId = NewId.NextGuid(), Payload = Tampered(first.Payload) };
        await harness.Bus.Publish(tampered);
        Assert.True(await harness.Consumed.Any<RoundMessage>(x => x.Context.Message.MessageId == tampered.MessageId));
        Assert.Equal(0, nodes[1].Drops.Total);

        // Opened at begin (no keys before): the duplicate and the tampered copy are dropped then.
        await nodes[1].BeginAsync(session, offers, CancellationToken.None);
        await nodes[2].BeginAsync(session, offers, CancellationToken.None);
        await Eventually.TrueAsync(() => nodes[1].Drops[DropReason.Duplicate] == 1 && nodes[1].Drops[DropReason.Unauthenticated] == 1, TimeSpan.FromSeconds(10), "the second node drops the duplicate and the tampered copy");
        foreach (var node in nodes)
        {
            // The harness's Any gives up after 5 s without bus activity; a loaded machine can compute longer than that
            // between two rounds, so keep asking for a while before calling key generation stuck.
            await Eventually.TrueAsync(
                () => harness.Published.Any<KeyShareStored>(x => x.Context.Message.Node == node.Id && x.Context.Message.SessionId == session.ToString()),
                TimeSpan.FromSeconds(90),
                $"{node.Id} reports its key share");
        }

        var reports = harness.Published.Select<KeyShareStored>().Select(x => x.Context.Message).Where(m => m.SessionId == session.ToString()).ToArray();
        Assert.Single(reports.Select(r => r.PublicKey).Distinct());
        Assert.Equal(new[] { 1, 2, 3 }, reports.Select(r => r.PartyIndex).Order().ToArray());
        Assert.False(await harness.Published.Any<SessionFailed>());

        await harness.Bus.Publish(first with { MessageId = NewId.NextGuid() });
        await Eventually.TrueAsync(() => nodes[2].Drops[DropReason.FinishedSession] >= 1, TimeSpan.FromSeconds(10), "the third node drops the message for its finished session");
        var share = await nodes[0].LoadShareAsync("wlt_test", 0, CancellationToken.None);
        Assert.Equal(reports[0].PublicKey, Convert.ToHexStringLower(share.PublicKey.Encode()));
        share.Clear();

        // A peer banned for this wallet (persisted) is refused in further sessions; others are not.
        await nodes[0].Store.BanAsync(new BannedPeerRecord { WalletId = "wlt_test", PeerNode = "node-3", CheckName = "ot-extension-check", SessionId = session.ToString(), BannedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var message = SigningPreImage.PersonalMessage("hello"u8);
        var digest = message.Digest();
        var refused = await Assert.ThrowsAsync<SessionRefusedException>(() =>
            nodes[0].PrepareSigningAsync(SessionId.Random(SystemRandomSource.Instance), "wlt_test", 0, digest, message, [], [peers[0], peers[2]], CancellationToken.None));
        Assert.Contains("refuses peer node-3", refused.Message, StringComparison.Ordinal);
        await nodes[0].PrepareSigningAsync(SessionId.Random(SystemRandomSource.Instance), "wlt_test", 0, digest, message, [], [peers[0], peers[1]], CancellationToken.None);
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

    private static string BrokerChannelsQueue(string node) => MpcWallet.Infrastructure.Messaging.BrokerChannels.NodeRoundQueue(node);

    private static async Task SendAsync(ITestHarness harness, string node, RoundMessage message)
    {
        var endpoint = await harness.Bus.GetSendEndpoint(new Uri("queue:" + BrokerChannelsQueue(node)));
        await endpoint.Send(message);
        Assert.True(await harness.Consumed.Any<RoundMessage>(x => x.Context.Message.MessageId == message.MessageId));
    }

    private static byte[] Tampered(byte[] payload)
    {
        var copy = payload.ToArray();
        copy[^10] ^= 0x40;
        return copy;
    }
}
