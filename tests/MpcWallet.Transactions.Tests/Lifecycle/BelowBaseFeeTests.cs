using System.Net;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Testing.Processes;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>
/// A transaction whose caller allowed a maxFeePerGas below the base fee waits (Anvil's pool refuses it, so the same
/// bytes are offered again) and, after StuckAfter, is re-priced to the market and mined: it never holds the queue.
/// </summary>
public sealed class BelowBaseFeeTests
{
    [Fact]
    public async Task A_transaction_allowed_below_the_base_fee_waits_then_is_re_priced_and_the_next_one_confirms_after_it()
    {
        await using var anvil = await AnvilChain.StartAsync();
        await using var host = await TransactionsTestHost.StartAsync(anvil, null, null, "--Chains:0:StuckAfter", "00:00:03");
        var (wallet, key) = await host.CreateWalletAsync(UInt256.Parse("1000000000000000000"));
        var recipient = TransferTests.RandomAddress();
        var (accepted, created) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = recipient.ToChecksumString(), value = "5", maxFeePerGas = "1", maxPriorityFeePerGas = "1", allowBelowBaseFee = true });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = created.GetProperty("id").GetString()!;
        var (_, next) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = recipient.ToChecksumString(), value = "7" });

        // Waiting: signed, offered to the node, refused for its fee — not failed.
        await Eventually.TrueAsync(
            async () => (await host.GetTransactionAsync(id)).GetProperty("attempts")[0].GetProperty("error").GetString()?.Contains("base fee", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(20),
            "the node refused the first attempt for its fee");
        Assert.Equal("signing", (await host.GetTransactionAsync(id)).GetProperty("status").GetString());

        var confirmed = await host.WaitForStatusAsync(id, "confirmed", TimeSpan.FromSeconds(40));
        var attempts = confirmed.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Equal(["original", "bump"], attempts.Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal("rejected", attempts[0].GetProperty("status").GetString());
        Assert.True(attempts[1].GetProperty("mined").GetBoolean());
        Assert.Equal(0UL, confirmed.GetProperty("nonce").GetUInt64());
        Assert.Contains(await host.AuditOfAsync(id), e => e.GetProperty("action").GetString()!.StartsWith("re-priced", StringComparison.Ordinal));

        Assert.Equal(1UL, (await host.WaitForStatusAsync(next.GetProperty("id").GetString()!, "confirmed", TimeSpan.FromSeconds(30))).GetProperty("nonce").GetUInt64());
        Assert.Equal((UInt256)12UL, await anvil.Client.GetBalanceAsync(recipient, BlockParameter.Latest));
        Assert.Equal(2UL, await anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
    }
}
