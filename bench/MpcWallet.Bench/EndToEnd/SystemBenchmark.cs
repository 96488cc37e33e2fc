using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MpcWallet.Host.Composition;
using MpcWallet.Mpc.Curve;
using MpcWallet.Testing;
using MpcWallet.Testing.Split;

namespace MpcWallet.Bench.EndToEnd;

/// <summary>
/// End-to-end signing through the REST API in single-host mode (coordinator + three nodes in this process, in-memory
/// bus, SQLite): latency of one request at a time, then throughput and latency with <see cref="Clients"/> concurrent
/// clients, printed beside the pure engine 2-of-3 sign median measured in the same run. Every returned signature is
/// verified against the wallet key with .NET's ECDSA. With <c>--transport rabbitmq</c>, after that, the same through a split deployment: the
/// coordinator and node-1..3 as separate processes on the test RabbitMQ and PostgreSQL (tests/MpcWallet.Testing's
/// <see cref="SplitCluster"/>; scripts/prepare-test-env.sh starts the servers).
/// </summary>
internal sealed class SystemBenchmark(bool quick, bool split = false)
{
    private const int Clients = 16;
    private const string ApiKey = "bench-key-0001";

    public async Task<int> RunAsync()
    {
        var engineMedian = MeasureEngineSignMedian();
        await MeasureInMemoryAsync(engineMedian);
        if (split)
        {
            Console.Error.WriteLine("system: starting a split cluster (coordinator, node-1..3 as processes on RabbitMQ + PostgreSQL)");
            await using var cluster = await SplitCluster.StartAsync(new SplitClusterOptions { Name = "bench-split", WithChain = false });
            using var splitClient = cluster.Coordinator.Client(SplitCluster.ApiKey);
            splitClient.Timeout = TimeSpan.FromMinutes(2);
            await MeasureAsync(splitClient, engineMedian, "rabbitmq-split-processes");
        }

        return 0;
    }

    private async Task MeasureInMemoryAsync(double engineMedian)
    {
        var data = Directory.CreateTempSubdirectory("mpcwallet-bench-system-").FullName;
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--data-dir", data, "--environment", "Production",
            "--modules", "coordinator,node",
            "--Auth:ApiKeys:0:Tenant", "bench", "--Auth:ApiKeys:0:Key", ApiKey,
            "--Node:CreateDevelopmentKeys", "true",
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:Console:LogToStandardErrorThreshold", "Trace", // stdout carries only the JSON lines
        };
        for (var i = 0; i < 3; i++)
        {
            args.AddRange([$"--Cluster:Nodes:{i}:GrpcEndpoint", "http://127.0.0.1:0"]);
        }

        var app = MpcWalletHost.Build(args.ToArray());
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(MpcWalletHost.Addresses(app)[0]), Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
            await MeasureAsync(client, engineMedian, "inmemory");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private async Task MeasureAsync(HttpClient client, double engineMedian, string transport)
    {
        {
            var (walletId, publicKey) = await CreateWalletAsync(client);
            // Warm-up long enough for tiered compilation to reach optimized code in every process: the split nodes are
            // fresh processes that have run only one key generation (with 5 warm-up signatures their p50 was ~6x worse).
            var warmUp = quick ? 40 : 80;
            Console.Error.WriteLine($"system: wallet {walletId} ready; warming up with {warmUp} signatures");
            for (var i = 0; i < warmUp; i++)
            {
                await SignAsync(client, walletId, publicKey);
            }

            var sequentialRuns = quick ? 20 : 100;
            Console.Error.WriteLine($"system: {sequentialRuns} signatures one at a time");
            var sequential = new List<(double Ms, bool Verified)>();
            for (var i = 0; i < sequentialRuns; i++)
            {
                sequential.Add(await SignAsync(client, walletId, publicKey));
            }

            Emit("system-sign", sequential, clients: 1, throughput: 1000 / SampleStatistics.Median(sequential.Select(s => s.Ms)), engineMedian, transport);

            var perClient = quick ? 4 : 16;
            Console.Error.WriteLine($"system: {Clients} clients × {perClient} signatures");
            var concurrent = new List<(double Ms, bool Verified)>();
            var wall = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
            {
                var mine = new List<(double, bool)>();
                for (var i = 0; i < perClient; i++)
                {
                    mine.Add(await SignAsync(client, walletId, publicKey));
                }

                return mine;
            }));
            wall.Stop();
            foreach (var list in results)
            {
                concurrent.AddRange(list);
            }

            Emit("system-sign", concurrent, Clients, concurrent.Count / wall.Elapsed.TotalSeconds, engineMedian, transport);
        }
    }

    private double MeasureEngineSignMedian()
    {
        // The engine benchmark prints its own JSON line; keep it on stdout and read its median from it.
        var captured = new StringWriter();
        var stdout = Console.Out;
        Console.SetOut(captured);
        try
        {
            var options = EngineBenchmarkOptions.Parse(quick ? ["--quick", "--ops", "sign", "--configs", "2of3"] : ["--ops", "sign", "--configs", "2of3"])!;
            new EngineBenchmark(options).Run();
        }
        finally
        {
            Console.SetOut(stdout);
        }

        var line = captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Single();
        Console.WriteLine(line);
        return JsonDocument.Parse(line).RootElement.GetProperty("median_ms").GetDouble();
    }

    private static async Task<(string Id, Point PublicKey)> CreateWalletAsync(HttpClient client)
    {
        JsonElement wallet = default;
        var last = "no answer yet";
        await Eventually.TrueAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/wallets") { Content = JsonContent.Create(new { label = "bench", threshold = 2, parties = 3 }) };
                request.Headers.Add("Prefer", "wait=30");
                using var response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    wallet = await response.Content.ReadFromJsonAsync<JsonElement>();
                    return true;
                }

                last = await response.Content.ReadAsStringAsync();
                return false; // nodes still coming online
            },
            TimeSpan.FromSeconds(60),
            () => "a wallet is created: " + last);
        return (wallet.GetProperty("id").GetString()!, Point.Decode(Convert.FromHexString(wallet.GetProperty("publicKey").GetString()![2..])));
    }

    private static async Task<(double Ms, bool Verified)> SignAsync(HttpClient client, string walletId, Point publicKey)
    {
        var digest = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/wallets/{walletId}/signatures")
        {
            Content = JsonContent.Create(new { type = "digest", digest = "0x" + Convert.ToHexStringLower(digest) }),
        };
        request.Headers.Add("Prefer", "wait=30");
        var start = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Created)
        {
            Console.Error.WriteLine($"system: signature request answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (elapsed, false);
        }

        var signature = await response.Content.ReadFromJsonAsync<JsonElement>();
        var r = Convert.FromHexString(signature.GetProperty("r").GetString()![2..]);
        var s = Convert.FromHexString(signature.GetProperty("s").GetString()![2..]);
        return (elapsed, DotNetVerifier.Verify(publicKey, digest, r, s));
    }

    private static void Emit(string op, List<(double Ms, bool Verified)> samples, int clients, double throughput, double engineMedian, string transport)
    {
        var ms = samples.Select(s => s.Ms).ToArray();
        var median = SampleStatistics.Median(ms);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["impl"] = "mpcwallet",
            ["op"] = op,
            ["t"] = 2,
            ["n"] = 3,
            ["median_ms"] = Math.Round(median, 3),
            ["p90_ms"] = Math.Round(SampleStatistics.Percentile(ms, 0.9), 3),
            ["runs"] = samples.Count,
            ["verified"] = samples.Count > 0 && samples.All(s => s.Verified),
            ["clients"] = clients,
            ["throughput_per_s"] = Math.Round(throughput, 2),
            ["engine_sign_median_ms"] = Math.Round(engineMedian, 3),
            ["ratio_to_engine"] = Math.Round(median / engineMedian, 2),
            ["transport"] = transport,
        }));
    }
}
