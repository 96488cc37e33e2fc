using System.Numerics;
using MpcWallet.Testing;
using MpcWallet.Testing.Split;
using MpcWallet.Testing.Telemetry;

namespace MpcWallet.DeploymentTests;

/// <summary>
/// The split deployment (coordinator, transaction service and each node in its own process, RabbitMQ, PostgreSQL,
/// Anvil): the W3C trace context crosses every process boundary — REST, NodeControl gRPC, RabbitMQ message headers,
/// the outboxes — so one wallet creation, one signature and one transfer are each one connected trace. Each process
/// writes its finished spans to its own file (<c>Telemetry:SpanFile:Directory</c>, set only here); the test reads them.
/// </summary>
[Collection(SplitProcessesCollection.Name)]
public sealed class SplitTracingTests
{
    [Fact]
    public async Task Across_processes_a_wallet_creation_a_signature_and_a_transfer_are_each_one_connected_trace()
    {
        var spanDirectory = Directory.CreateTempSubdirectory("mpcwallet-split-spans-").FullName;
        var options = new SplitClusterOptions { Name = "split-trace", SeparateTransactions = true };
        foreach (var role in new[] { "coordinator", "node", "transactions" })
        {
            options.ExtraArguments[role] = ["--Telemetry:SpanFile:Directory", spanDirectory];
        }

        await using var cluster = await SplitCluster.StartAsync(options);
        using var api = cluster.Api();
        var wallet = await api.CreateWalletAsync("split-trace");
        var walletId = wallet.GetProperty("id").GetString()!;
        await AssertOneTraceAsync(spanDirectory, "/v1/wallets", TraceHops.WalletCreation);

        var digest = SignatureCheck.RandomDigest();
        var signature = await api.SignDigestAsync(walletId, SignatureCheck.ToHex(digest));
        SignatureCheck.AssertValid(signature, wallet, digest);
        await AssertOneTraceAsync(spanDirectory, $"/v1/wallets/{walletId}/signatures", TraceHops.Signature);

        await cluster.Chain!.FundAsync(wallet.GetProperty("address").GetString()!, BigInteger.Pow(10, 18));
        var accepted = await api.TransferAcceptedAsync(walletId, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "1000", "split-trace-transfer");
        await api.WaitForConfirmedAsync(accepted.GetProperty("id").GetString()!);
        await AssertOneTraceAsync(spanDirectory, $"/v1/wallets/{walletId}/transactions", TraceHops.Transfer(cluster.Chain.Endpoint.Port));

        // The spans really come from separate processes: each of the cluster's processes wrote spans to a file of its
        // own. (The one-shot enrollment commands, run with the same arguments, leave files without spans.)
        Assert.Equal(cluster.All.Count(), Directory.GetFiles(spanDirectory, "spans-*.jsonl").Count(file => ReadSpans([file]).Count > 0));
    }

    private static async Task AssertOneTraceAsync(string directory, string path, IReadOnlyList<TraceHop> hops)
    {
        var why = "";
        await Eventually.TrueAsync(
            () => Task.FromResult(RequestTrace.Holds(ReadSpans(Directory.GetFiles(directory, "spans-*.jsonl")), path, hops, out why)),
            TimeSpan.FromSeconds(30),
            () => why);
    }

    private static List<RecordedSpan> ReadSpans(IEnumerable<string> files)
    {
        var spans = new List<RecordedSpan>();
        foreach (var file in files)
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            while (reader.ReadLine() is { } line)
            {
                // The last line may still be being written.
                try
                {
                    spans.Add(RecordedSpan.FromJsonLine(line));
                }
                catch (System.Text.Json.JsonException)
                {
                }
            }
        }

        return spans;
    }
}
