using System.Diagnostics;
using System.Net;
using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.EndToEndTests.Support;
using MpcWallet.Testing.Processes;
using MpcWallet.Testing.Telemetry;
using OpenTelemetry.Trace;

namespace MpcWallet.EndToEndTests.Telemetry;

/// <summary>
/// Single-host mode (coordinator, three nodes, transaction service in one process; in-memory broker, SQLite, a
/// private Anvil): the spans of one wallet creation, one signature and one transfer, collected with the in-memory exporter, form one
/// connected trace each, from the REST request through the coordinator's run, NodeControl gRPC (client and server),
/// the broker channels, every participant's rounds, the transaction service and the JSON-RPC calls to the chain.
/// </summary>
public sealed class OneTracePerRequestTests
{
    [Fact]
    public async Task A_wallet_creation_a_signature_and_a_transfer_are_each_one_connected_trace_over_every_hop()
    {
        var exported = new List<Activity>();
        await using var chain = await AnvilChain.StartAsync();
        await using var host = await TestHost.StartAsync(
            Backend.InMemorySqlite,
            extraArgs:
            [
                "--modules", "coordinator,node,transactions",
                "--Chains:0:ChainId", AnvilChain.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--Chains:0:RpcUrl", chain.Endpoint.ToString(),
                "--Chains:0:Confirmations", "1",
                "--Chains:0:PollInterval", "00:00:00.200",
            ],
            configureServices: services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported)));
        using var client = new HttpClient(new UntracedHandler()) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestHost.KeyA);
        var wallet = await Api.CreateActiveWalletAsync(client, "telemetry");
        var walletId = wallet.GetProperty("id").GetString()!;

        var (status, signature, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/signatures", """{"type": "personalMessage", "message": "one trace"}""", wait: 30);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"signature: {status} {signature}");
        Assert.Equal("completed", signature.GetProperty("status").GetString());
        await AssertOneTraceAsync(exported, "/v1/wallets", TraceHops.WalletCreation);
        await AssertOneTraceAsync(exported, $"/v1/wallets/{walletId}/signatures", TraceHops.Signature);

        await chain.FundAsync(wallet.GetProperty("address").GetString()!, BigInteger.Pow(10, 19));
        await Eventually.TrueAsync(async () => (await client.GetAsync($"/v1/wallets/{walletId}/transactions")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the transaction service learns the wallet");
        var (posted, transfer, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/transactions", """{"chainId": 31337, "to": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "value": "1000"}""");
        Assert.True(posted is HttpStatusCode.Created or HttpStatusCode.Accepted, $"transfer: {posted} {transfer}");
        var transferId = transfer.GetProperty("id").GetString()!;
        await Eventually.TrueAsync(async () => (await Api.GetAsync(client, $"/v1/transactions/{transferId}")).Body.GetProperty("status").GetString() == "confirmed", TimeSpan.FromMinutes(2), $"transaction {transferId} is confirmed");
        await AssertOneTraceAsync(exported, $"/v1/wallets/{walletId}/transactions", TraceHops.Transfer(chain.Endpoint.Port));
    }

    private static async Task AssertOneTraceAsync(List<Activity> exported, string path, IReadOnlyList<TraceHop> hops)
    {
        // A span is exported when it ends, so a parent still open shows up a moment after its children.
        var why = "";
        await Eventually.TrueAsync(
            () =>
            {
                RecordedSpan[] spans;
                lock (exported)
                {
                    spans = [.. exported.Select(RecordedSpan.From)];
                }

                return Task.FromResult(RequestTrace.Holds(spans, path, hops, out why));
            },
            TimeSpan.FromSeconds(30),
            () => why);
    }
}
