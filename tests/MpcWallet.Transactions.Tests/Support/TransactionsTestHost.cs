using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Host.Composition;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Tests.Support;

/// <summary>
/// The real host running only the transactions module (in-memory broker, SQLite under a temp data directory,
/// REST on a loopback port) against an Anvil, with the test coordinator answering signature requests, and short
/// poll intervals so scenarios finish quickly. Restartable on the same data directory.
/// </summary>
internal sealed class TransactionsTestHost : IAsyncDisposable
{
    public const string TenantA = "tenant-a";
    public const string KeyA = "test-key-tenant-a-0001";
    public const string KeyB = "test-key-tenant-b-0002";

    private TransactionsTestHost(WebApplication app, Uri baseAddress, AnvilChain anvil, TestWallets wallets, string dataDirectory, string[] extra)
    {
        App = app;
        BaseAddress = baseAddress;
        Anvil = anvil;
        Wallets = wallets;
        DataDirectory = dataDirectory;
        Extra = extra;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public AnvilChain Anvil { get; }

    public TestWallets Wallets { get; }

    public string DataDirectory { get; }

    private string[] Extra { get; }

    public static async Task<TransactionsTestHost> StartAsync(AnvilChain anvil, TestWallets? wallets = null, string? dataDirectory = null, params string[] extra)
    {
        wallets ??= new TestWallets();
        dataDirectory ??= Directory.CreateTempSubdirectory("mpcwallet-tx-").FullName;
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--data-dir", dataDirectory,
            "--environment", "Production",
            "--modules", "transactions",
            "--Auth:ApiKeys:0:Tenant", TenantA,
            "--Auth:ApiKeys:0:Key", KeyA,
            "--Auth:ApiKeys:1:Tenant", "tenant-b",
            "--Auth:ApiKeys:1:Key", KeyB,
            "--Chains:0:ChainId", "31337",
            "--Chains:0:RpcUrl", anvil.Endpoint.ToString(),
            "--Chains:0:Confirmations", "1",
            "--Chains:0:PollInterval", "00:00:00.100",
            "--Chains:0:StuckAfter", "00:02:00",
            "--Transactions:RebroadcastInterval", "00:00:01",
            "--Transactions:SignatureResendAfter", "00:00:05",
            "--Transactions:OutboxSweepInterval", "00:00:00.200",
            "--Logging:LogLevel:Default", "Warning",
        };
        args.AddRange(wallets.Trust.HostArguments);
        args.AddRange(extra);
        var app = MpcWalletHost.Build(args.ToArray(), services =>
        {
            services.AddSingleton(wallets);
            services.AddHostedService<TestCoordinator>();
        });
        await app.StartAsync();

        // Chain verification runs in the background; a request before it answers gets a (correct) 503, which
        // would make scenarios race the start-up check. Refused chains count as settled for the mismatch tests.
        var registry = app.Services.GetRequiredService<ChainRegistry>();
        await Eventually.TrueAsync(
            () => Task.FromResult(registry.All.All(c => c.State != ChainState.Unverified)),
            TimeSpan.FromSeconds(30),
            "every configured chain is verified or refused");
        return new TransactionsTestHost(app, new Uri(MpcWalletHost.Addresses(app)[0]), anvil, wallets, dataDirectory, extra);
    }

    /// <summary>Arguments selecting PostgreSQL (a fresh database on the test server, see scripts/prepare.d/30-postgres.sh) for the module's store.</summary>
    public static async Task<string[]> PostgresArgumentsAsync()
    {
        var port = Environment.GetEnvironmentVariable("MPCWALLET_TEST_POSTGRES_PORT") ?? "5433";
        var server = $"Host=127.0.0.1;Port={port};Username=postgres;Pooling=false";
        var database = "tx_" + Guid.NewGuid().ToString("N");
        await using (var connection = new Npgsql.NpgsqlConnection(server + ";Database=postgres"))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        // A transactions-only process is a split-deployment process: this in-process test's cleartext loopback database is allowed explicitly.
        // (The connection string stays last: SchemaVersion2Tests takes it from there.)
        return ["--Security:AllowCleartext", "true", "--Database:Provider", "PostgreSQL", "--ConnectionStrings:Transactions", $"Host=127.0.0.1;Port={port};Username=postgres;Database={database};Maximum Pool Size=20"];
    }

    /// <summary>Stops this host and starts a new one on the same data directory, chain and wallets.</summary>
    public async Task<TransactionsTestHost> RestartAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        return await StartAsync(Anvil, Wallets, DataDirectory, Extra);
    }

    public HttpClient Client(string? apiKey = KeyA)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>A wallet backed by a fresh test key, funded with <paramref name="balanceWei"/>, announced as the coordinator would.</summary>
    public async Task<(string Id, TestKey Key)> CreateWalletAsync(UInt256 balanceWei, string tenant = TenantA, bool allowRawDigest = false)
    {
        var key = TestKey.Random();
        var id = "wal_" + Guid.NewGuid().ToString("N");
        Wallets.Keys[id] = key;
        await Anvil.SetBalanceAsync(key.Address, balanceWei);
        await Wallets.Current.AnnounceAsync(id, tenant, key, allowRawDigest);
        var store = App.Services.GetRequiredService<TransactionsStore>();
        await Eventually.TrueAsync(async () =>
        {
            await using var context = await store.OpenAsync(default);
            return await context.Wallets.AnyAsync(w => w.Id == id);
        }, TimeSpan.FromSeconds(10), "the module learns the wallet");
        return (id, key);
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> PostTransferAsync(string walletId, object body, string? idempotencyKey = null, string? apiKey = KeyA)
    {
        using var client = Client(apiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/wallets/{walletId}/transactions") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response, json);
    }

    /// <summary><c>POST /v1/transactions/{id}/cancel</c> or <c>…/speedup</c>, without a body when <paramref name="body"/> is null.</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> ReplaceAsync(string id, string operation, object? body = null, string? idempotencyKey = null)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/transactions/{id}/{operation}") { Content = body is null ? null : JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response, json);
    }

    /// <summary>The wallet's transactions (first page, newest first).</summary>
    public async Task<JsonElement[]> ListAsync(string walletId)
    {
        using var client = Client();
        var page = await client.GetFromJsonAsync<JsonElement>($"/v1/wallets/{walletId}/transactions");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public async Task<JsonElement> GetTransactionAsync(string id)
    {
        using var client = Client();
        return await client.GetFromJsonAsync<JsonElement>($"/v1/transactions/{id}");
    }

    public async Task<JsonElement> WaitForStatusAsync(string id, string status, TimeSpan? timeout = null)
    {
        JsonElement last = default;
        await Eventually.TrueAsync(async () =>
        {
            last = await GetTransactionAsync(id);
            return last.GetProperty("status").GetString() == status;
        }, timeout ?? TimeSpan.FromSeconds(30), () => $"transaction {id} reaches {status}; last: {last}");
        return last;
    }

    public async Task<JsonElement[]> AuditOfAsync(string id)
    {
        using var client = Client();
        return (await client.GetFromJsonAsync<JsonElement[]>($"/v1/transactions/{id}/audit"))!;
    }

    /// <summary>The wallet's JSON-RPC endpoint, as a client is pointed at it.</summary>
    public Uri RpcUrl(string walletId, ulong? chainId = null) => new(BaseAddress, $"/v1/wallets/{walletId}/rpc" + (chainId is { } id ? $"?chainId={id}" : ""));

    /// <summary>Posts <paramref name="body"/> as it is to the wallet's JSON-RPC endpoint; the answer's JSON (null for an empty body).</summary>
    public async Task<(HttpStatusCode Status, JsonElement? Body)> RpcAsync(string walletId, string body, string? apiKey = KeyA, string query = "", string? idempotencyKey = null, string contentType = "application/json")
    {
        using var client = Client(apiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/wallets/{walletId}/rpc{query}") { Content = new StringContent(body, System.Text.Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>One JSON-RPC call (id 1) to the wallet's endpoint; the response object.</summary>
    public async Task<JsonElement> CallAsync(string walletId, string method, object[] parameters, string? idempotencyKey = null)
    {
        var body = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        var (status, answer) = await RpcAsync(walletId, body, idempotencyKey: idempotencyKey);
        Assert.Equal(HttpStatusCode.OK, status);
        return answer!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
