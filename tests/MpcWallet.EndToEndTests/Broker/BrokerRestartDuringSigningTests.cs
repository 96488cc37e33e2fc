using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using MpcWallet.EndToEndTests.Support;

namespace MpcWallet.EndToEndTests.Broker;

/// <summary>
/// The broker really stops (its VM exits) in the middle of a burst of signature requests and comes back on the same
/// data: every request still completes exactly once with a valid signature, and a subscriber on
/// <c>signatures_final</c> sees one finalization per signature (redeliveries of the same message allowed), never a
/// second, different one. The cluster (coordinator + three nodes, PostgreSQL) runs on a private broker so the
/// restart touches nobody else's tests.
/// </summary>
[Collection(RealBrokerCollection.Name)]
public sealed class BrokerRestartDuringSigningTests
{
    private const int Requests = 20;

    /// <summary>Requests are spread over a few seconds so the broker stops and starts in the middle of the burst.</summary>
    private static readonly TimeSpan RequestSpacing = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Every_request_of_a_burst_completes_exactly_once_when_the_broker_restarts_in_the_middle()
    {
        await using var broker = await PrivateRabbitMq.StartAsync();
        await using var probe = await ChannelProbe.StartAsync(broker.Port, "/");
        await using var host = await TestHost.StartAsync(Backend.RabbitMqPostgres, extraArgs:
        [
            .. broker.HostArguments,
            // Sessions caught by the outage fail and are retried (default attempts); new ones wait for the broker.
            "--Coordinator:SignatureDeadline", "00:03:00",
        ]);
        using var client = host.Client();
        var wallet = await Api.CreateActiveWalletAsync(client, "broker-restart");
        var walletId = wallet.GetProperty("id").GetString()!;
        var digests = Enumerable.Range(0, Requests).Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray();
        var keys = Enumerable.Range(0, Requests).Select(i => $"restart-burst-{i}-{Guid.NewGuid():N}").ToArray();

        var posted = new Task<string>[Requests];
        Task? restart = null;
        for (var i = 0; i < Requests; i++)
        {
            posted[i] = PostAsync(client, walletId, digests[i], keys[i]);
            if (i == Requests / 4)
            {
                restart = RestartAsync(broker, client);
            }

            await Task.Delay(RequestSpacing);
        }

        var ids = await Task.WhenAll(posted);
        await restart!;
        Assert.Equal(Requests, ids.Distinct().Count());

        // The same request again (same key) names the same signature: nothing was created twice.
        for (var i = 0; i < Requests; i++)
        {
            Assert.Equal(ids[i], await PostAsync(client, walletId, digests[i], keys[i]));
        }

        var finals = new JsonElement[Requests];
        for (var i = 0; i < Requests; i++)
        {
            finals[i] = await Api.WaitForFinalAsync(client, $"/v1/signatures/{ids[i]}", "pending", TimeSpan.FromMinutes(5));
            Assert.True(finals[i].GetProperty("status").GetString() == "completed", $"request {i}: {finals[i]}");
            SignatureCheck.AssertValid(finals[i], wallet, digests[i]);
        }

        // Every signature reached the subscriber on signatures_final, once (by message id), with the API's (r, s).
        await Eventually.TrueAsync(() => ids.All(id => probe.Finalized.Any(f => f.SignatureId == id)), TimeSpan.FromMinutes(2), "every signature reaches the subscriber on signatures_final");

        for (var i = 0; i < Requests; i++)
        {
            var seen = probe.Finalized.Where(f => f.SignatureId == ids[i]).ToArray();
            Assert.True(seen.Length > 0, $"signature {ids[i]} never reached signatures_final");
            Assert.Single(seen.Select(f => f.MessageId).Distinct());
            Assert.All(seen, f => Assert.Equal((finals[i].GetProperty("r").GetString(), finals[i].GetProperty("s").GetString()), (f.R, f.S)));
        }

        // Nothing was given up on: no message of any channel ended in an error queue.
        var queues = await BrokerQueue.ListAsync(broker.ControlAsync, "/");
        Assert.All(queues.Values.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal)), q => Assert.Equal(0, q.Messages));

        // The host is healthy again on the restarted broker.
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromMinutes(1), "the host reports ready after the broker came back");
    }

    /// <summary>Stops the broker, waits until the host says it is not ready (it cannot reach its broker), starts it again.</summary>
    private static async Task RestartAsync(PrivateRabbitMq broker, HttpClient client)
    {
        await broker.StopAsync();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the host reports not ready with its broker stopped");

        await broker.StartAgainAsync();
    }

    /// <summary>Posts one request; an answer that is not 201/202 (or no answer) is retried with the same key, as a client would.</summary>
    private static async Task<string> PostAsync(HttpClient client, string walletId, byte[] digest, string key)
    {
        var last = "no answer yet";
        string? id = null;
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    var (status, body, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/signatures", $$"""{"type": "digest", "digest": "0x{{Convert.ToHexStringLower(digest)}}"}""", idempotencyKey: key);
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
            () => $"the signature request is accepted (last: {last})");
        return id!;
    }
}
