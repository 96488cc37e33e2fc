using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Host.Composition;
using MpcWallet.Infrastructure.Development;
using MpcWallet.Testing.Messaging;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Api;

/// <summary>
/// Single-host dev mode (<c>DevelopmentChain:StartAnvil</c>): the host starts Anvil for its first chain with the shared
/// launcher, keeps the chain state in its data directory, stops the node with itself, and finds the same state on
/// the next start.
/// </summary>
public sealed class DevelopmentChainTests
{
    [Fact]
    public async Task The_host_runs_anvil_for_its_first_chain_and_the_chain_state_survives_a_restart()
    {
        var endpoint = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        var data = Directory.CreateTempSubdirectory("mpcwallet-devchain-").FullName;
        var account = AnvilAccounts.FreshRecipient();
        var balance = UInt256.Parse("123456789000000000000");
        using var http = new HttpClient();
        var rpc = new EthereumRpcClient(http, endpoint, new EthereumRpcClientOptions { MaxRetryAttempts = 0 });

        var first = await StartAsync(endpoint, data);
        try
        {
            Assert.Equal(AnvilChain.ChainId, await rpc.GetChainIdAsync());
            await rpc.SendAsync(new EthereumRpcCall<bool>("anvil_setBalance", [account.ToLowerHex(), balance.ToQuantityString()], _ => true));

            // Anvil dumps its state every second; the host kills it without a last dump.
            var state = Path.Combine(data, "anvil", "state.json");
            await Eventually.TrueAsync(
                () => File.Exists(state) && File.ReadAllText(state).Contains(account.ToLowerHex()[2..], StringComparison.OrdinalIgnoreCase),
                TimeSpan.FromSeconds(30),
                "the balance is in the state file");
        }
        finally
        {
            await first.StopAsync();
            await first.DisposeAsync();
        }

        await Eventually.TrueAsync(async () => !await AnvilProcess.IsListeningAsync(endpoint, default), TimeSpan.FromSeconds(10), "Anvil stops with the host");

        var second = await StartAsync(endpoint, data);
        try
        {
            Assert.Equal(balance, await rpc.GetBalanceAsync(account, BlockParameter.Latest));
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
        }
    }

    private static async Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync(Uri endpoint, string data)
    {
        var trust = TestClusterTrust.Create();
        var app = MpcWalletHost.Build(
        [
            .. trust.HostArguments,
            "--urls", "http://127.0.0.1:0", "--data-dir", data, "--environment", "Production",
            "--modules", "transactions",
            "--Auth:ApiKeys:0:Tenant", TransactionsTestHost.TenantA, "--Auth:ApiKeys:0:Key", TransactionsTestHost.KeyA,
            "--DevelopmentChain:StartAnvil", "true",
            "--Chains:0:ChainId", "31337", "--Chains:0:RpcUrl", endpoint.ToString(),
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
        return app;
    }
}
