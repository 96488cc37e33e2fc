using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>Anvil without automine: a transfer with a too-low fee is replaced (same nonce, both fees bumped ≥ 12.5 %) and the replacement confirms.</summary>
public sealed class StuckTransactionTests
{
    [Fact]
    public async Task A_stuck_transfer_is_replaced_with_bumped_fees_and_the_mined_attempt_is_recognised()
    {
        await using var anvil = await AnvilChain.StartAsync(automine: false);
        await using var host = await TransactionsTestHost.StartAsync(anvil, null, null, "--Chains:0:StuckAfter", "00:00:01");
        var (wallet, key) = await host.CreateWalletAsync(UInt256.Parse("1000000000000000000"));
        var recipient = TransferTests.RandomAddress();
        var (_, created) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = recipient.ToChecksumString(), value = "777", maxFeePerGas = "1000000000", maxPriorityFeePerGas = "1" });
        var id = created.GetProperty("id").GetString()!;

        await Eventually.TrueAsync(
            async () => (await host.GetTransactionAsync(id)).GetProperty("attempts").EnumerateArray().Count(a => a.GetProperty("status").GetString() == "submitted") >= 2,
            TimeSpan.FromSeconds(30),
            "a replacement is broadcast");
        await anvil.MineAsync();
        var confirmed = await host.WaitForStatusAsync(id, "confirmed");

        var attempts = confirmed.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.True(attempts.Length >= 2);
        for (var i = 1; i < attempts.Length; i++)
        {
            var previousMax = UInt256.Parse(attempts[i - 1].GetProperty("maxFeePerGas").GetString()!).ToBigInteger();
            var previousTip = UInt256.Parse(attempts[i - 1].GetProperty("maxPriorityFeePerGas").GetString()!).ToBigInteger();
            Assert.True(UInt256.Parse(attempts[i].GetProperty("maxFeePerGas").GetString()!).ToBigInteger() * 1000 >= previousMax * 1125);
            Assert.True(UInt256.Parse(attempts[i].GetProperty("maxPriorityFeePerGas").GetString()!).ToBigInteger() * 1000 >= previousTip * 1125);
        }

        var minedHash = confirmed.GetProperty("hash").GetString()!;
        Assert.NotEqual(attempts[0].GetProperty("hash").GetString(), minedHash);
        Assert.Contains(attempts.Skip(1), a => a.GetProperty("hash").GetString() == minedHash);
        var onChain = await anvil.Client.GetTransactionByHashAsync(minedHash);
        Assert.Equal(0UL, onChain!.Nonce);
        Assert.Equal(key.Address, onChain.From);
        Assert.Null(await anvil.Client.GetTransactionReceiptAsync(attempts[0].GetProperty("hash").GetString()!));
        Assert.Equal((UInt256)777UL, await anvil.Client.GetBalanceAsync(recipient, BlockParameter.Latest));
        Assert.Contains(await host.AuditOfAsync(id), e => e.GetProperty("action").GetString() == "replacement broadcast");
    }
}
