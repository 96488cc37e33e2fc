using System.Net;
using MpcWallet.EndToEndTests.Support;

namespace MpcWallet.EndToEndTests.Hostile;

/// <summary>
/// The real single host (coordinator, three nodes and the transaction service; in-memory broker, SQLite) on loopback,
/// with one active wallet the transaction service knows, for the hostile-input suite and the API contract checks.
/// It runs in the Development environment, as <c>dotnet run</c> does (where parameter-binding failures throw instead
/// of answering 400), with the development chain pointed at a closed port: transfers are refused by validation
/// before any chain is asked, which is all these suites reach.
/// </summary>
public sealed class HostileHost : IAsyncLifetime
{
    private TestHost? _host;

    public TestHost Host => _host ?? throw new InvalidOperationException("not started");

    public string WalletId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(Backend.InMemorySqlite, extraArgs:
        [
            "--modules", "coordinator,node,transactions",
            "--environment", "Development",
            "--DevelopmentChain:StartAnvil", "false",
            "--Chains:0:RpcUrl", "http://127.0.0.1:9",
        ]);
        using var client = _host.Client();
        var wallet = await Api.CreateActiveWalletAsync(client, "hostile");
        WalletId = wallet.GetProperty("id").GetString()!;

        // The transaction service learns the wallet from the coordinator's WalletCreated event.
        await Eventually.TrueAsync(
            async () => (await client.GetAsync($"/v1/wallets/{WalletId}/transactions")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "the transaction service learns the wallet");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
