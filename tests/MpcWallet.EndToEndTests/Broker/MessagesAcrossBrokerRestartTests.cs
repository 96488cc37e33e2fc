using MassTransit;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.Rounds;
using MpcWallet.Contracts.SignatureRequests;
using MpcWallet.EndToEndTests.Support;
using MpcWallet.Infrastructure.Messaging;

namespace MpcWallet.EndToEndTests.Broker;

/// <summary>
/// What a broker restart keeps, message by message, as the product's own publish path stamps it: a persistent
/// channel's message (durable queue, persistent delivery) and a partial signature (durable, 5-minute TTL) are still
/// queued afterwards; a protocol message (transient delivery, retention = the session) is gone.
/// </summary>
[Collection(RealBrokerCollection.Name)]
public sealed class MessagesAcrossBrokerRestartTests
{
    [Fact]
    public async Task Persistent_and_partial_signature_messages_survive_a_broker_restart_and_round_messages_do_not()
    {
        await using var broker = await PrivateRabbitMq.StartAsync();

        // The cluster declares its queues, then stops: the messages below wait for consumers that are not there.
        await using (await TestHost.StartAsync(Backend.RabbitMqPostgres, extraArgs: broker.HostArguments))
        {
        }

        var requests = BrokerChannels.SignatureRequests + ".coordinator";
        var partials = BrokerChannels.PartialSignatures + ".coordinator";
        var rounds = BrokerChannels.NodeRoundQueue("node-1");
        await using (var probe = await ChannelProbe.StartAsync(broker.Port, "/"))
        {
            await probe.Bus.Publish(new SignatureRequested { MessageId = NewId.NextGuid(), SignatureId = "sig_" + new string('a', 32), WalletId = "wlt_x", Tenant = "t", Digest = "0x" + new string('b', 64), Purpose = "test", RequestedAt = DateTimeOffset.UtcNow });
            await probe.Bus.Publish(new PartialSignatureSubmitted { MessageId = NewId.NextGuid(), SessionId = new string('c', 64), Node = "node-2", SentAt = DateTimeOffset.UtcNow, Payload = [1] });
            var node1 = await probe.Bus.GetSendEndpoint(new Uri($"queue:{rounds}"));
            await node1.Send(new RoundMessage { MessageId = NewId.NextGuid(), SessionId = new string('c', 64), Round = 1, Sender = "node-2", Recipient = "node-1", Payload = [2] });
        }

        var before = await BrokerQueue.ListAsync(broker.ControlAsync, "/");
        Assert.Equal(1, before[requests].Messages);
        Assert.Equal(1, before[partials].Messages);
        Assert.Equal(1, before[rounds].Messages);

        await broker.StopAsync();
        await broker.StartAgainAsync();

        var after = await BrokerQueue.ListAsync(broker.ControlAsync, "/");
        Assert.Equal(1, after[requests].Messages);
        Assert.Equal(1, after[partials].Messages);
        Assert.Equal(0, after[rounds].Messages);
    }
}
