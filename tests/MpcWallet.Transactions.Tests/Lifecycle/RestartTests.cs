using System.Text.Json;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>The host stops while transfers wait for signatures or mining; the next host finishes them without reusing a nonce.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Transfers_in_flight_across_a_restart_all_confirm_with_distinct_nonces()
    {
        await using var anvil = await AnvilChain.StartAsync();
        var host = await TransactionsTestHost.StartAsync(anvil);
        try
        {
            var (wallet, key) = await host.CreateWalletAsync(UInt256.Parse("10000000000000000000"));
            var ids = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                ids.Add((await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" })).Body.GetProperty("id").GetString()!);
            }

            await host.WaitForStatusAsync(ids[^1], "confirmed");

            // In flight: 5 mined-not-confirmed-yet is impossible with automine, so: 5 submitted but unmined, 5 waiting for signatures.
            await anvil.SetAutomineAsync(false);
            for (var i = 0; i < 5; i++)
            {
                ids.Add((await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" })).Body.GetProperty("id").GetString()!);
            }

            foreach (var id in ids.Skip(5))
            {
                await host.WaitForStatusAsync(id, "submitted");
            }

            host.Wallets.Paused = true;
            for (var i = 0; i < 5; i++)
            {
                ids.Add((await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" })).Body.GetProperty("id").GetString()!);
            }

            // The unanswered requests die with the in-memory broker; the next host must ask again.
            host.Wallets.Held.Clear();
            host.Wallets.Paused = false;
            host = await host.RestartAsync();
            await anvil.SetAutomineAsync(true);
            await anvil.MineAsync();

            for (var i = 0; i < 5; i++)
            {
                ids.Add((await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" })).Body.GetProperty("id").GetString()!);
            }

            var nonces = new List<ulong>();
            foreach (var id in ids)
            {
                nonces.Add((await host.WaitForStatusAsync(id, "confirmed", TimeSpan.FromSeconds(60))).GetProperty("nonce").GetUInt64());
            }

            Assert.Equal(Enumerable.Range(0, 20).Select(i => (ulong)i), nonces.Order());
            Assert.Equal(20UL, await anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}

/// <summary>A key also used outside the service while it was down: on start the nonce floor is raised to the chain's count.</summary>
public sealed class NonceReconciliationTests
{
    [Fact]
    public async Task Nonces_used_outside_the_service_are_skipped_after_a_restart()
    {
        await using var anvil = await AnvilChain.StartAsync();
        var host = await TransactionsTestHost.StartAsync(anvil);
        try
        {
            var (wallet, key) = await host.CreateWalletAsync(UInt256.Parse("10000000000000000000"));
            var (_, first) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" });
            Assert.Equal(0UL, (await host.WaitForStatusAsync(first.GetProperty("id").GetString()!, "confirmed")).GetProperty("nonce").GetUInt64());
            await host.App.StopAsync();

            for (ulong nonce = 1; nonce <= 2; nonce++)
            {
                var outside = new MpcWallet.Ethereum.Transactions.Eip1559Transaction(31337, nonce, 1_000_000_000UL, 10_000_000_000UL, 21_000, TransferTests.RandomAddress(), 1UL, []);
                await anvil.Client.SendRawTransactionAsync(outside.Sign(key.Sign(outside.GetSigningHash())));
            }

            host = await host.RestartAsync();
            var (_, next) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" });
            Assert.Equal(3UL, (await host.WaitForStatusAsync(next.GetProperty("id").GetString()!, "confirmed")).GetProperty("nonce").GetUInt64());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
