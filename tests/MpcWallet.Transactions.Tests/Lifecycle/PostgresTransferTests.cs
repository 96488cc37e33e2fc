using System.Net.Http.Json;
using System.Text.Json;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>The same lifecycle with the module's store on PostgreSQL (the host's provider switch): concurrent nonces, restart, audit.</summary>
public sealed class PostgresTransferTests
{
    [Fact]
    public async Task Concurrent_transfers_and_a_restart_on_postgresql_keep_nonces_exact_and_the_audit_chain_intact()
    {
        await using var anvil = await AnvilChain.StartAsync();
        var host = await TransactionsTestHost.StartAsync(anvil, null, null, await TransactionsTestHost.PostgresArgumentsAsync());
        try
        {
            var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<MpcWallet.Transactions.Persistence.TransactionsStore>(host.App.Services);
            Assert.Equal(MpcWallet.Infrastructure.Persistence.DatabaseProvider.PostgreSQL, store.Database.Provider);
            var (wallet, key) = await host.CreateWalletAsync(UInt256.Parse("10000000000000000000"));
            var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "3" })));
            var ids = first.Select(r => r.Body.GetProperty("id").GetString()!).ToList();
            host.Wallets.Paused = true;
            for (var i = 0; i < 5; i++)
            {
                ids.Add((await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "3" })).Body.GetProperty("id").GetString()!);
            }

            host.Wallets.Held.Clear();
            host.Wallets.Paused = false;
            host = await host.RestartAsync();
            var nonces = new List<ulong>();
            foreach (var id in ids)
            {
                nonces.Add((await host.WaitForStatusAsync(id, "confirmed", TimeSpan.FromSeconds(60))).GetProperty("nonce").GetUInt64());
            }

            Assert.Equal(Enumerable.Range(0, 25).Select(i => (ulong)i), nonces.Order());
            Assert.Equal(25UL, await anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
            using var client = host.Client();
            var verification = await client.GetFromJsonAsync<JsonElement>("/v1/audit/verification");
            Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
            Assert.True(verification.GetProperty("entries").GetInt64() >= 25 * 6);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
