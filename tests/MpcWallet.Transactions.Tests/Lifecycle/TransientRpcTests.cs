using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>The node's RPC failing transiently on sends: the same signed bytes are sent again later, no new signature, no new nonce.</summary>
public sealed class TransientRpcTests
{
    [Fact]
    public async Task Sends_without_an_answer_are_retried_with_the_same_bytes_until_accepted()
    {
        await using var anvil = await AnvilChain.StartAsync();
        await using var proxy = new FlakyRpcProxy(anvil.Endpoint);
        await using var host = await TransactionsTestHost.StartAsync(anvil, null, null, "--Chains:0:RpcUrl", proxy.Endpoint.ToString());
        var (wallet, key) = await host.CreateWalletAsync(UInt256.Parse("1000000000000000000"));
        proxy.FailSends = true;
        var (response, created) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "42" });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {created}");
        var id = created.GetProperty("id").GetString()!;
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref proxy.RefusedSends) >= 8), TimeSpan.FromSeconds(30), "several sends were refused");
        Assert.Equal("signing", (await host.GetTransactionAsync(id)).GetProperty("status").GetString());

        proxy.FailSends = false;
        var confirmed = await host.WaitForStatusAsync(id, "confirmed", TimeSpan.FromSeconds(60));
        Assert.Single(confirmed.GetProperty("attempts").EnumerateArray());
        Assert.Single(host.Wallets.Requests, r => r.Purpose.Contains(id, StringComparison.Ordinal));
        Assert.Equal(0UL, confirmed.GetProperty("nonce").GetUInt64());
        Assert.Equal(1UL, await anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
    }
}
