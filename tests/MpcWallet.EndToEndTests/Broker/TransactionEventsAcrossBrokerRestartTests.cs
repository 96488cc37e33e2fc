using System.Net;
using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Events;
using MpcWallet.EndToEndTests.Support;
using MpcWallet.Testing.Processes;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.EndToEndTests.Broker;

/// <summary>
/// The transaction service's events survive a real broker restart, as the coordinator's do: the broker really stops
/// (its VM exits) in the middle of a burst of transfers and comes back on the same data. Every transfer is signed by
/// the MPC nodes and confirmed on a private Anvil, every TransactionStatusChanged its outbox committed reaches a
/// subscriber on <c>events</c> under its own message id, nothing lands in an error queue, and the nonces are 0..N-1.
/// The whole single host (coordinator, three nodes, transaction service; PostgreSQL) runs on a private broker.
/// </summary>
[Collection(RealBrokerCollection.Name)]
public sealed class TransactionEventsAcrossBrokerRestartTests
{
    private const int Transfers = 8;

    /// <summary>Transfers are spread over a few seconds so the broker stops and starts in the middle of the burst.</summary>
    private static readonly TimeSpan TransferSpacing = TimeSpan.FromMilliseconds(300);

    /// <summary>How long the broker stays down once the host noticed: transfers keep being accepted meanwhile, their events wait in the outbox.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Every_transfer_of_a_burst_is_confirmed_and_every_event_arrives_when_the_broker_restarts_in_the_middle()
    {
        await using var broker = await PrivateRabbitMq.StartAsync();
        await using var chain = await AnvilChain.StartAsync();
        // Subscribed before the host starts, so its durable queue holds every event from the first on.
        await using var probe = await ChannelProbe.StartAsync(broker.Port, "/", followEvents: true);
        var database = await TestPostgres.CreateDatabaseAsync("e2e_tx", maxPoolSize: 30);
        await using var host = await TestHost.StartAsync(Backend.RabbitMqPostgres, extraArgs:
        [
            .. broker.HostArguments,
            "--modules", "coordinator,node,transactions",
            "--ConnectionStrings:Transactions", database,
            "--Chains:0:ChainId", AnvilChain.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Chains:0:RpcUrl", chain.Endpoint.ToString(),
            "--Chains:0:Confirmations", "1",
            "--Chains:0:PollInterval", "00:00:00.200",
            "--Transactions:OutboxSweepInterval", "00:00:00.200",
            "--Transactions:SignatureResendAfter", "00:00:20",
            "--Coordinator:SignatureDeadline", "00:03:00",
        ]);
        using var client = host.Client();
        var wallet = await Api.CreateActiveWalletAsync(client, "tx-broker-restart");
        var walletId = wallet.GetProperty("id").GetString()!;
        var address = wallet.GetProperty("address").GetString()!;
        await chain.FundAsync(address, BigInteger.Pow(10, 19));
        await Eventually.TrueAsync(async () => (await client.GetAsync($"/v1/wallets/{walletId}/transactions")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the transaction service learns the wallet");

        var keys = Enumerable.Range(0, Transfers).Select(i => $"tx-restart-{i}-{Guid.NewGuid():N}").ToArray();
        var posted = new Task<string>[Transfers];
        Task? restart = null;
        for (var i = 0; i < Transfers; i++)
        {
            posted[i] = PostAsync(client, walletId, keys[i]);
            if (i == Transfers / 4)
            {
                restart = RestartAsync(broker, client);
            }

            await Task.Delay(TransferSpacing);
        }

        var ids = await Task.WhenAll(posted);
        await restart!;
        Assert.Equal(Transfers, ids.Distinct().Count());

        foreach (var id in ids)
        {
            await Eventually.TrueAsync(async () => (await Api.GetAsync(client, $"/v1/transactions/{id}")).Body.GetProperty("status").GetString() == "confirmed", TimeSpan.FromMinutes(5), $"transaction {id} is confirmed");
        }

        Assert.Equal((ulong)Transfers, await chain.NonceAsync(address));

        // Every event the transaction service committed went out (its outbox is drained) and reached the subscriber
        // under the message id it was committed with.
        var store = host.Services.GetRequiredService<TransactionsStore>();
        await Eventually.TrueAsync(async () =>
        {
            await using var context = store.Open();
            return !await context.Outbox.AnyAsync(o => o.SentAt == null);
        }, TimeSpan.FromMinutes(1), "the outbox is drained");
        string[] committed;
        await using (var context = store.Open())
        {
            committed = await context.Outbox.AsNoTracking().Where(o => o.MessageType == typeof(TransactionStatusChanged).FullName).Select(o => o.MessageId).ToArrayAsync();
        }

        Assert.NotEmpty(committed);
        await Eventually.TrueAsync(() => Task.FromResult(committed.All(id => probe.StatusChanges.Any(e => e.MessageId.ToString() == id))), TimeSpan.FromMinutes(1), "every committed event reaches the subscriber");
        Assert.All(probe.StatusChanges, e => Assert.Equal(e.MessageId, e.Message.MessageId));
        Assert.All(ids, id => Assert.Contains(probe.StatusChanges, e => e.Message.TransactionId == id && e.Message.NewStatus == "confirmed"));

        var queues = await BrokerQueue.ListAsync(broker.ControlAsync, "/");
        Assert.All(queues.Values.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal)), q => Assert.Equal(0, q.Messages));
    }

    /// <summary>Stops the broker, waits until the host says it is not ready, starts it again.</summary>
    private static async Task RestartAsync(PrivateRabbitMq broker, HttpClient client)
    {
        await broker.StopAsync();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the host reports not ready with its broker stopped");
        await Task.Delay(Outage);
        await broker.StartAgainAsync();
    }

    /// <summary>Posts one transfer; an answer that is not 201/202/200 (or no answer) is retried with the same key, as a client would.</summary>
    private static async Task<string> PostAsync(HttpClient client, string walletId, string key)
    {
        var last = "no answer yet";
        string? id = null;
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    var (status, body, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/transactions", """{"chainId": 31337, "to": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "value": "1000"}""", idempotencyKey: key);
                    last = $"{status} {body}";
                    id = status is HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.OK ? body.GetProperty("id").GetString()! : null;
                }
                catch (HttpRequestException e)
                {
                    last = e.Message;
                }

                return id is not null;
            },
            TimeSpan.FromMinutes(2),
            () => $"the transfer is accepted (last: {last})");
        return id!;
    }
}
