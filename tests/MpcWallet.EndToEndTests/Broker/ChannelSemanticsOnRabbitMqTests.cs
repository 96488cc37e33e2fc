using System.Net;
using System.Security.Cryptography;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.SignatureRequests;
using MpcWallet.Coordinator;
using MpcWallet.EndToEndTests.Support;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Modules;
using MpcWallet.Node;
using MpcWallet.Testing;

namespace MpcWallet.EndToEndTests.Broker;

/// <summary>
/// The channel table on a real RabbitMQ: each channel's queues carry the configured durability, TTL and prefetch, a
/// message a consumer can never process ends in the queue's error queue (not dropped), and a message on a persistent
/// channel waits in its durable queue while the consumer's process is down.
/// </summary>
[Collection(RealBrokerCollection.Name)]
public sealed class ChannelSemanticsOnRabbitMqTests
{
    private static readonly string[] PersistentChannels = [BrokerChannels.StateSync, BrokerChannels.SignaturesFinal, BrokerChannels.Events, BrokerChannels.SignatureRequests];
    private static readonly string[] ShortTermChannels = [BrokerChannels.MpcRounds, BrokerChannels.PartialSignatures, BrokerChannels.Heartbeats];

    [Fact]
    public async Task Channel_queues_have_their_configured_durability_and_ttl_and_a_poison_message_lands_in_the_error_queue()
    {
        await using var host = await TestHost.StartAsync(Backend.RabbitMqPostgres);
        var virtualHost = host.Services.GetRequiredService<BrokerOptions>().RabbitMQ.VirtualHost;
        await using var probe = await ChannelProbe.StartAsync(TestRabbitMq.Port, virtualHost);

        // The issue's semantics, independent of how the defaults are written down.
        Assert.All(PersistentChannels, c => Assert.True(BrokerChannels.DefaultsFor(c).Durable, c));
        Assert.All(PersistentChannels, c => Assert.Null(BrokerChannels.DefaultsFor(c).TimeToLive));
        Assert.All(ShortTermChannels, c => Assert.NotNull(BrokerChannels.DefaultsFor(c).TimeToLive));

        var modules = new ModuleContext(host.Services.GetRequiredService<IConfiguration>(), ["coordinator", "node"]);
        var plans = new CoordinatorModule().ReceiveEndpoints(modules)
            .Concat(new NodeModule().ReceiveEndpoints(modules))
            .Append(new ReceiveEndpointPlan(ChannelProbe.FinalQueue, BrokerChannels.SignaturesFinal, []))
            .ToArray();
        var queues = await BrokerQueue.ListAsync(args => TestRabbitMq.ControlAsync(TestRabbitMq.NodeName, args), virtualHost);
        foreach (var plan in plans)
        {
            Assert.True(queues.TryGetValue(plan.QueueName, out var queue), $"queue {plan.QueueName} is missing: {string.Join(", ", queues.Keys)}");
            var settings = BrokerChannels.DefaultsFor(plan.Channel);
            if (plan.SentTo)
            {
                // Senders declare a node's round queue too (default properties); the TTL travels on every message.
                Assert.True(queue.Durable && !queue.AutoDelete && queue.MessageTtlMilliseconds is null, queue.ToString());
            }
            else
            {
                // A per-coordinator-instance queue (heartbeats, state hints) lives and dies with its coordinator.
                var durable = settings.Durable && !plan.Temporary;
                Assert.Equal(durable, queue.Durable);
                Assert.Equal(!durable, queue.AutoDelete);
                Assert.Equal((long?)settings.TimeToLive?.TotalMilliseconds, queue.MessageTtlMilliseconds);
            }
        }

        // Each queue's consumer holds at most its channel's prefetch.
        var consumers = System.Text.Json.JsonDocument.Parse(await TestRabbitMq.ControlAsync(TestRabbitMq.NodeName, "list_consumers", "-p", virtualHost, "--formatter", "json", "queue_name", "prefetch_count")).RootElement;
        foreach (var plan in plans)
        {
            var prefetch = consumers.EnumerateArray().Where(c => c.GetProperty("queue_name").GetString() == plan.QueueName).Select(c => c.GetProperty("prefetch_count").GetInt32()).ToArray();
            Assert.True(prefetch.Length > 0, $"no consumer on {plan.QueueName}: {consumers}");
            Assert.All(prefetch, p => Assert.Equal(BrokerChannels.DefaultsFor(plan.Channel).Prefetch, p));
        }

        // A request whose body the coordinator can never read: retried as configured, then moved to the error queue.
        var poisonId = NewId.NextGuid();
        var requests = await probe.Bus.GetSendEndpoint(new Uri($"exchange:{BrokerChannels.SignatureRequests}"));
        await requests.Send(new UnreadableSignatureRequest { MessageId = poisonId, SignatureId = [1, 2, 3] });
        var errorQueue = BrokerChannels.SignatureRequests + ".coordinator_error";
        queues = await Eventually.ValueAsync(
            () => BrokerQueue.ListAsync(args => TestRabbitMq.ControlAsync(TestRabbitMq.NodeName, args), virtualHost),
            listed => listed.TryGetValue(errorQueue, out var error) && error.Messages == 1,
            TimeSpan.FromSeconds(60),
            $"the poison message reaches {errorQueue}",
            listed => string.Join(", ", listed.Values));
        Assert.True(queues[errorQueue].Durable, "the error queue must survive a broker restart");
        Assert.Equal(0, queues[BrokerChannels.SignatureRequests + ".coordinator"].Messages);

        await TestRabbitMq.ControlAsync(TestRabbitMq.NodeName, "delete_vhost", virtualHost);
    }

    [Fact]
    public async Task A_signature_request_published_while_the_coordinator_is_down_is_signed_after_it_starts()
    {
        var dataDirectory = TestHost.NewDataDirectory();
        string virtualHost;
        string database;
        System.Text.Json.JsonElement wallet;
        await using (var first = await TestHost.StartAsync(Backend.RabbitMqPostgres, dataDirectory))
        {
            virtualHost = first.Services.GetRequiredService<BrokerOptions>().RabbitMQ.VirtualHost;
            database = first.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Coordinator"]!;
            using var client = first.Client();
            wallet = await Api.CreateActiveWalletAsync(client, "while-down");
        }

        var signatureId = "sig_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var digest = RandomNumberGenerator.GetBytes(32);
        await using (var probe = await ChannelProbe.StartAsync(TestRabbitMq.Port, virtualHost))
        {
            await probe.Bus.Publish(new SignatureRequested
            {
                MessageId = NewId.NextGuid(),
                SignatureId = signatureId,
                WalletId = wallet.GetProperty("id").GetString()!,
                Tenant = TestHost.TenantA,
                Digest = "0x" + Convert.ToHexStringLower(digest),
                Purpose = "test:while-down",
                RequestedAt = DateTimeOffset.UtcNow,
            });
        }

        var queues = await BrokerQueue.ListAsync(args => TestRabbitMq.ControlAsync(TestRabbitMq.NodeName, args), virtualHost);
        Assert.Equal(1, queues[BrokerChannels.SignatureRequests + ".coordinator"].Messages);

        string[] sameBrokerAndDatabase = [.. TestRabbitMq.HostArguments(virtualHost), "--ConnectionStrings:Coordinator", database, "--ConnectionStrings:Node", database];
        await using (var second = await TestHost.StartAsync(Backend.RabbitMqPostgres, dataDirectory, sameBrokerAndDatabase))
        {
            using var client = second.Client();
            var (_, body) = await Eventually.ValueAsync(
                () => Api.GetAsync(client, $"/v1/signatures/{signatureId}"),
                answer => answer.Status == HttpStatusCode.OK && answer.Body.GetProperty("status").GetString() != "pending",
                TimeSpan.FromSeconds(120),
                "the request waiting in the durable queue is signed");
            SignatureCheck.AssertValid(body, wallet, digest);
        }

        await TestRabbitMq.ControlAsync(TestRabbitMq.NodeName, "delete_vhost", virtualHost);
    }

    [Fact]
    public async Task A_round_message_expires_after_its_channels_time_to_live_and_a_persistent_channels_message_does_not()
    {
        var virtualHost = await TestRabbitMq.CreateVirtualHostAsync("ttl");

        // The round channel's TTL shortened the way Broker:Channels:mpc_rounds would; the queues have no consumer.
        var rounds = new ChannelSettings { Durable = false, TimeToLive = TimeSpan.FromSeconds(1), Prefetch = 64, ConcurrencyLimit = 2 };
        await using (var probe = await ChannelProbe.StartAsync(TestRabbitMq.Port, virtualHost, new() { [BrokerChannels.MpcRounds] = rounds }))
        {
            var roundQueue = await probe.Bus.GetSendEndpoint(new Uri($"queue:{BrokerChannels.NodeRoundQueue("node-9")}"));
            await roundQueue.Send(new MpcWallet.Contracts.Rounds.RoundMessage { MessageId = NewId.NextGuid(), SessionId = new string('a', 64), Round = 1, Sender = "node-8", Recipient = "node-9", Payload = [1] });
            var requestQueue = await probe.Bus.GetSendEndpoint(new Uri("queue:signature_requests.ttl-check"));
            await requestQueue.Send(new SignatureRequested { MessageId = NewId.NextGuid(), SignatureId = "sig_" + new string('b', 32), WalletId = "wlt_x", Tenant = "t", Digest = "0x" + new string('c', 64), Purpose = "test", RequestedAt = DateTimeOffset.UtcNow });
        }

        // (That a message sent this way does land in the node's queue: MessagesAcrossBrokerRestartTests.)
        var queues = await Eventually.ValueAsync(
            () => BrokerQueue.ListAsync(args => TestRabbitMq.ControlAsync(TestRabbitMq.NodeName, args), virtualHost),
            listed => listed[BrokerChannels.NodeRoundQueue("node-9")].Messages == 0,
            TimeSpan.FromSeconds(60),
            "the round message expires");
        Assert.Equal(1, queues["signature_requests.ttl-check"].Messages);

        await TestRabbitMq.ControlAsync(TestRabbitMq.NodeName, "delete_vhost", virtualHost);
    }

    /// <summary>Travels as a <see cref="SignatureRequested"/> (same message type) but its body can never be read as one.</summary>
    [MessageUrn("MpcWallet.Contracts.SignatureRequests:SignatureRequested")]
    public sealed record UnreadableSignatureRequest
    {
        public required Guid MessageId { get; init; }

        public required int[] SignatureId { get; init; }
    }
}
