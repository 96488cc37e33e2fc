using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Host.Composition;
using MpcWallet.Testing;

namespace MpcWallet.EndToEndTests.Support;

/// <summary>
/// The real host (coordinator + three nodes, each node's NodeControl on its own loopback port) on a loopback REST
/// port, with fast heartbeats and short deadlines so failure scenarios finish quickly.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string TenantA = "tenant-a";
    public const string KeyA = "test-key-tenant-a-0001";
    public const string KeyB = "test-key-tenant-b-0002";

    private TestHost(WebApplication app, string dataDirectory, Uri baseAddress)
    {
        App = app;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    public static string NewDataDirectory() => Directory.CreateTempSubdirectory("mpcwallet-e2e-").FullName;

    public static async Task<TestHost> StartAsync(Backend backend, string? dataDirectory = null, IEnumerable<string>? extraArgs = null, Action<IServiceCollection>? configureServices = null)
    {
        dataDirectory ??= NewDataDirectory();
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--data-dir", dataDirectory,
            "--modules", "coordinator,node",
            "--environment", "Production",
            "--Auth:ApiKeys:0:Tenant", TenantA,
            "--Auth:ApiKeys:0:Key", KeyA,
            "--Auth:ApiKeys:1:Tenant", "tenant-b",
            "--Auth:ApiKeys:1:KeyHash", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(KeyB))),
            "--Node:CreateDevelopmentKeys", "true",
            "--Node:HeartbeatInterval", "00:00:00.250",
            "--Coordinator:OfflineAfter", "00:00:03",
            "--Coordinator:SessionTimeout", "00:00:10",
            "--Coordinator:KeyGenerationSessionTimeout", "00:00:45",
            "--Coordinator:KeyGenerationDeadline", "00:02:30",
            "--Coordinator:QuorumWait", "00:00:01",
            "--Coordinator:SignatureDeadline", "00:00:40",
            "--Logging:LogLevel:Default", "Warning",
        };
        for (var i = 0; i < 3; i++)
        {
            args.AddRange([$"--Cluster:Nodes:{i}:GrpcEndpoint", "http://127.0.0.1:0"]);
        }

        if (backend == Backend.RabbitMqPostgres)
        {
            // A private virtual host and database per host: hosts never share queues, exchanges or tables.
            var database = await TestPostgres.CreateDatabaseAsync("e2e", maxPoolSize: 50);
            args.AddRange(TestRabbitMq.HostArguments(await TestRabbitMq.CreateVirtualHostAsync("e2e")));
            args.AddRange([
                "--Database:Provider", "PostgreSQL",
                "--ConnectionStrings:Coordinator", database,
                "--ConnectionStrings:Node", database,
            ]);
        }

        args.AddRange(extraArgs ?? []);
        var app = MpcWalletHost.Build(args.ToArray(), configureServices);
        await app.StartAsync();
        var host = new TestHost(app, dataDirectory, new Uri(MpcWalletHost.Addresses(app)[0]));
        await host.WaitUntilNodesOnlineAsync(3);
        return host;
    }

    public HttpClient Client(string? apiKey = KeyA)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public async Task WaitUntilNodesOnlineAsync(int count, bool online = true)
    {
        using var client = Client();
        var status = online ? "online" : "offline";
        await Eventually.ValueAsync(
            () => client.GetFromJsonAsync<JsonElement>("/v1/nodes"),
            nodes => nodes.GetProperty("items").EnumerateArray().Count(n => n.GetProperty("status").GetString() == status) >= count,
            TimeSpan.FromSeconds(20),
            $"at least {count} nodes are {status}");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
