using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Host.Composition;
using MpcWallet.Testing;
using MpcWallet.Testing.Messaging;
using MpcWallet.Testing.Processes;

namespace MpcWallet.Bench.Transactions;

/// <summary>
/// Confirmed transfers per second against an auto-mining Anvil, from one wallet and from ten, through the real host
/// (REST → nonce → signature request on the broker → broadcast → receipt polling), and the median time from the
/// request to <c>submitted</c>. The signer is the tests' single-key coordinator double (<see cref="TestCoordinator"/>,
/// isolates the transaction service) or, with <c>--signer mpc</c>, the real coordinator and three DKLs23 nodes in the
/// same process. Only public seams: the host, its REST API and the broker.
/// </summary>
internal sealed class TransactionsBenchmark(TransactionsBenchmarkOptions options)
{
    private const string ApiKey = "bench-key-0001";
    private const string Tenant = "bench";

    public async Task<int> RunAsync()
    {
        await using var anvil = await AnvilChain.StartAsync();
        var wallets = new TestWallets();
        var data = Directory.CreateTempSubdirectory("mpcwallet-bench-tx-").FullName;
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--data-dir", data, "--environment", "Production",
            "--modules", options.Mpc ? "coordinator,node,transactions" : "transactions",
            "--Auth:ApiKeys:0:Tenant", Tenant, "--Auth:ApiKeys:0:Key", ApiKey,
            "--Chains:0:ChainId", "31337", "--Chains:0:RpcUrl", anvil.Endpoint.ToString(), "--Chains:0:Confirmations", "1",
            "--Chains:0:PollInterval", "00:00:00.050",
            "--Transactions:OutboxSweepInterval", "00:00:00.100",
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:Console:LogToStandardErrorThreshold", "Trace", // stdout carries only the JSON lines
        };
        if (options.Mpc)
        {
            args.AddRange(["--Node:CreateDevelopmentKeys", "true", "--Node:HeartbeatInterval", "00:00:00.250", "--Coordinator:OfflineAfter", "00:00:01.500", "--Coordinator:SignatureDeadline", "00:01:00"]);
            for (var i = 0; i < 3; i++)
            {
                args.AddRange([$"--Cluster:Nodes:{i}:GrpcEndpoint", "http://127.0.0.1:0"]);
            }
        }
        else
        {
            // A transaction-service-only process trusts the test coordinator's manifest (its final signatures are signed).
            args.AddRange(wallets.Trust.HostArguments);
        }

        var app = MpcWalletHost.Build(args.ToArray(), services =>
        {
            if (!options.Mpc)
            {
                services.AddSingleton(wallets);
                services.AddHostedService<TestCoordinator>();
            }
        });
        await app.StartAsync();
        try
        {
            var observer = new StatusObserver();
            await observer.StartAsync(app.Services.GetRequiredService<IBus>());
            using var client = new HttpClient { BaseAddress = new Uri(MpcWalletHost.Addresses(app)[0]), Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
            foreach (var walletCount in new[] { 1, 10 })
            {
                var ids = new List<string>();
                for (var i = 0; i < walletCount; i++)
                {
                    ids.Add(await CreateWalletAsync(client, anvil, wallets));
                }

                Console.Error.WriteLine($"transactions: {options.Transfers} transfers from {walletCount} wallet(s), {options.Concurrency} requests in flight, signer {(options.Mpc ? "mpc 2-of-3" : "single-key stand-in")}");
                Console.WriteLine(await RunScenarioAsync(client, observer, ids));
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        return 0;
    }

    private async Task<string> CreateWalletAsync(HttpClient client, AnvilChain anvil, TestWallets wallets)
    {
        string id;
        EthereumAddress address;
        if (options.Mpc)
        {
            JsonElement wallet = default;
            var last = "no answer yet";
            await Eventually.TrueAsync(
                async () =>
                {
                    using var attempt = new HttpRequestMessage(HttpMethod.Post, "/v1/wallets") { Content = JsonContent.Create(new { label = "bench", threshold = 2, parties = 3 }) };
                    attempt.Headers.Add("Prefer", "wait=30");
                    using var response = await client.SendAsync(attempt);
                    if (response.IsSuccessStatusCode)
                    {
                        wallet = await response.Content.ReadFromJsonAsync<JsonElement>();
                        return true;
                    }

                    last = await response.Content.ReadAsStringAsync();
                    return false; // nodes still coming online
                },
                TimeSpan.FromSeconds(30),
                () => "a wallet is created: " + last);

            id = wallet.GetProperty("id").GetString()!;
            address = EthereumAddress.Parse(wallet.GetProperty("address").GetString()!);
        }
        else
        {
            var key = TestKey.Random();
            id = "wal_" + Guid.NewGuid().ToString("N");
            address = key.Address;
            wallets.Keys[id] = key;
            await wallets.Current.AnnounceAsync(id, Tenant, key);
        }

        await anvil.SetBalanceAsync(address, UInt256.Parse("1000000000000000000000"));

        // The transaction service learns a wallet from the WalletCreated event; until then its transfers are a 404.
        await Eventually.TrueAsync(
            async () =>
            {
                using var response = await client.GetAsync($"/v1/wallets/{id}/transactions?limit=1");
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(30),
            $"the transaction service knows wallet {id}");
        return id;
    }

    private async Task<string> RunScenarioAsync(HttpClient client, StatusObserver observer, IReadOnlyList<string> wallets)
    {
        var recipient = EthereumAddress.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)).ToChecksumString();
        using var slots = new SemaphoreSlim(options.Concurrency);
        var started = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset>();
        var clock = Stopwatch.StartNew();
        var first = DateTimeOffset.UtcNow;
        var posts = Enumerable.Range(0, options.Transfers).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                var at = DateTimeOffset.UtcNow;
                var response = await client.PostAsJsonAsync($"/v1/wallets/{wallets[i % wallets.Count]}/transactions", new { chainId = 31337, to = recipient, value = "1" });
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"POST failed: {(int)response.StatusCode} {body}");
                }

                started[body.GetProperty("id").GetString()!] = at;
            }
            finally
            {
                slots.Release();
            }
        }).ToArray();
        await Task.WhenAll(posts);
        while (started.Keys.Any(id => !observer.Reached(id, "confirmed") && !observer.Reached(id, "failed")) && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(20);
        }

        var unfinished = started.Keys.Count(id => !observer.Reached(id, "confirmed") && !observer.Reached(id, "failed"));

        var failed = started.Keys.Count(id => observer.Reached(id, "failed"));
        var lastConfirmed = started.Keys.Select(id => observer.At(id, "confirmed")).Where(a => a is not null).Max() ?? DateTimeOffset.UtcNow;
        var seconds = (lastConfirmed - first).TotalSeconds;
        var toSubmitted = started.Select(p => observer.At(p.Key, "submitted") is { } s ? (s - p.Value).TotalMilliseconds : double.NaN).Where(double.IsFinite).Order().ToArray();
        var result = new JsonObject
        {
            ["mode"] = "transactions",
            ["signer"] = options.Mpc ? "mpc-2of3" : "single-key",
            ["wallets"] = wallets.Count,
            ["transfers"] = options.Transfers,
            ["concurrency"] = options.Concurrency,
            ["failed"] = failed,
            ["unfinishedAfter3Minutes"] = unfinished,
            ["seconds"] = Math.Round(seconds, 3),
            ["confirmedPerSecond"] = Math.Round((options.Transfers - failed - unfinished) / seconds, 2),
            ["medianRequestToSubmittedMs"] = Math.Round(Percentile(toSubmitted, 0.5), 1),
            ["p95RequestToSubmittedMs"] = Math.Round(Percentile(toSubmitted, 0.95), 1),
        };
        return result.ToJsonString();
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(p * sorted.Length))];
}
