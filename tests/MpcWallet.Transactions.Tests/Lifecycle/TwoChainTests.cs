using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Testing.Processes;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>
/// Two chains in one host (Anvil 31337 and Anvil 31338, each with its own confirmations and fee policy): one wallet
/// sends on both at once; nonces, confirmations and fees are kept per chain.
/// </summary>
public sealed class TwoChainTests
{
    [Fact]
    public async Task One_wallet_sends_on_two_chains_at_once_with_independent_nonces()
    {
        await using var first = await AnvilChain.StartAsync();
        await using var second = await AnvilChain.StartAsync(chainId: 31338);
        await using var host = await TransactionsTestHost.StartAsync(first, null, null,
            "--Chains:1:ChainId", "31338",
            "--Chains:1:RpcUrl", second.Endpoint.ToString(),
            "--Chains:1:Confirmations", "2",
            "--Chains:1:PollInterval", "00:00:00.100",
            "--Chains:1:FeePolicy:MinPriorityFeePerGas", "3000000000");
        var (wallet, key) = await host.CreateWalletAsync(UInt256.Parse("1000000000000000000"));
        await second.SetBalanceAsync(key.Address, UInt256.Parse("1000000000000000000"));
        var recipient = TransferTests.RandomAddress();

        var posts = new List<Task<(HttpResponseMessage, System.Text.Json.JsonElement)>>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add(host.PostTransferAsync(wallet, new { chainId = 31337, to = recipient.ToChecksumString(), value = "10" }));
            if (i < 2)
            {
                posts.Add(host.PostTransferAsync(wallet, new { chainId = 31338, to = recipient.ToChecksumString(), value = "100" }));
            }
        }

        var ids = (await Task.WhenAll(posts)).Select(p => p.Item2.GetProperty("id").GetString()!).ToArray();
        var onFirst = new List<ulong>();
        var onSecond = new List<ulong>();
        foreach (var id in ids)
        {
            var pending = await host.GetTransactionAsync(id);
            if (pending.GetProperty("chainId").GetUInt64() == 31338)
            {
                // Two confirmations on the second chain: the first block alone does not confirm it.
                await Eventually.TrueAsync(async () => (await host.GetTransactionAsync(id)).GetProperty("blockNumber").ValueKind == System.Text.Json.JsonValueKind.Number, TimeSpan.FromSeconds(20), "mined on 31338");
                await second.MineAsync();
            }

            var confirmed = await host.WaitForStatusAsync(id, "confirmed");
            var chain = confirmed.GetProperty("chainId").GetUInt64();
            (chain == 31337 ? onFirst : onSecond).Add(confirmed.GetProperty("nonce").GetUInt64());
            var onChain = await (chain == 31337 ? first : second).Client.GetTransactionByHashAsync(confirmed.GetProperty("hash").GetString()!);
            Assert.Equal((ulong?)chain, onChain!.ChainId);
            if (chain == 31338)
            {
                Assert.True(UInt256.Parse(confirmed.GetProperty("maxPriorityFeePerGas").GetString()!) >= (UInt256)3_000_000_000UL);
            }
        }

        Assert.Equal([0UL, 1UL, 2UL], onFirst.Order());
        Assert.Equal([0UL, 1UL], onSecond.Order());
        Assert.Equal((UInt256)30UL, await first.Client.GetBalanceAsync(recipient, BlockParameter.Latest));
        Assert.Equal((UInt256)200UL, await second.Client.GetBalanceAsync(recipient, BlockParameter.Latest));
        Assert.Equal(3UL, await first.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
        Assert.Equal(2UL, await second.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
    }
}
