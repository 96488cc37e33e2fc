using System.Numerics;
using Microsoft.AspNetCore.Builder;
using MpcWallet.Client;
using MpcWallet.Client.Wallets;
using MpcWallet.Host.Composition;
using MpcWallet.Testing;
using MpcWallet.Testing.Processes;

namespace MpcWallet.Clients.Tests.Support;

/// <summary>
/// The real single host (coordinator, three nodes, transactions) on loopback ports with a private Anvil as chain
/// 31337, and one active 2-of-3 wallet funded with 10 ETH, shared by the collection's tests (key generation is the
/// costly step).
/// </summary>
public sealed class ClientHost : IAsyncLifetime
{
    public const string ApiKey = "clients-test-key-0001";
    public const string OtherTenantKey = "clients-test-key-0002";

    private WebApplication? _app;
    private AnvilChain? _anvil;

    public Uri BaseAddress { get; private set; } = null!;

    public AnvilChain Anvil => _anvil ?? throw new InvalidOperationException("not started");

    public MpcWalletClient Client { get; private set; } = null!;

    public Wallet Wallet { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _anvil = await AnvilChain.StartAsync();
        var data = Directory.CreateTempSubdirectory("mpcwallet-clients-").FullName;
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--data-dir", data, "--environment", "Production",
            "--modules", "coordinator,node,transactions",
            "--Auth:ApiKeys:0:Tenant", "tenant-a", "--Auth:ApiKeys:0:Key", ApiKey,
            "--Auth:ApiKeys:1:Tenant", "tenant-b", "--Auth:ApiKeys:1:Key", OtherTenantKey,
            "--Node:CreateDevelopmentKeys", "true", "--Node:HeartbeatInterval", "00:00:00.250",
            "--Coordinator:OfflineAfter", "00:00:03", "--Coordinator:SessionTimeout", "00:00:10",
            "--Coordinator:KeyGenerationSessionTimeout", "00:02:00", "--Coordinator:KeyGenerationDeadline", "00:05:00",
            "--Coordinator:QuorumWait", "00:00:01", "--Coordinator:SignatureDeadline", "00:00:40",
            "--Chains:0:ChainId", AnvilChain.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Chains:0:RpcUrl", _anvil.Endpoint.ToString(), "--Chains:0:Confirmations", "1", "--Chains:0:PollInterval", "00:00:00.100",
            "--Logging:LogLevel:Default", "Warning",
        };
        for (var i = 0; i < 3; i++)
        {
            args.AddRange([$"--Cluster:Nodes:{i}:GrpcEndpoint", "http://127.0.0.1:0"]);
        }

        _app = MpcWalletHost.Build(args.ToArray());
        await _app.StartAsync();
        BaseAddress = new Uri(MpcWalletHost.Addresses(_app)[0]);
        Client = NewClient(ApiKey);

        await Eventually.TrueAsync(async () => (await Client.Nodes.ListAsync()).Count(n => n.Status == "online") == 3, TimeSpan.FromSeconds(30), "three nodes are online");
        Wallet = await Client.Wallets.CreateActiveAsync(new CreateWalletRequest("clients-shared", AllowRawDigest: true), TimeSpan.FromSeconds(300));
        await Anvil.FundAsync(Wallet.Address!, BigInteger.Pow(10, 19));

        // The transaction service learns wallets from the coordinator's WalletCreated event.
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await Client.Transactions.ListAsync(Wallet.Id);
                    return true;
                }
                catch (MpcWalletProblemException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            "the transaction service knows the wallet");
    }

    public MpcWalletClient NewClient(string? apiKey, MpcWalletClientOptions? options = null) =>
        new((options ?? new MpcWalletClientOptions()) with { BaseAddress = BaseAddress, ApiKey = apiKey });

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClientHostCollection : ICollectionFixture<ClientHost>
{
    public const string Name = "Client host";
}
