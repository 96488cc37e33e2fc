using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>
/// Delivery is at least once: every answer the module consumes (wallet announcement, final signature, refusal)
/// delivered twice with the same message id makes the same transaction history as one delivery.
/// </summary>
public sealed class RedeliveryTests
{
    [Fact]
    public async Task Wallet_announcements_signatures_and_refusals_delivered_twice_change_nothing_the_first_delivery_did_not()
    {
        await using var anvil = await AnvilChain.StartAsync();
        await using var host = await TransactionsTestHost.StartAsync(anvil);
        host.Wallets.AnswerTwice = true;
        var (wallet, _) = await host.CreateWalletAsync(UInt256.Parse("10000000000000000000"));

        var (_, signed) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" });
        var signedId = signed.GetProperty("id").GetString()!;
        var confirmed = await host.WaitForStatusAsync(signedId, "confirmed");
        Assert.Equal(0UL, confirmed.GetProperty("nonce").GetUInt64());
        Assert.Single(confirmed.GetProperty("attempts").EnumerateArray());

        host.Wallets.FailWhen = _ => true;
        var (_, refused) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" });
        var refusedId = refused.GetProperty("id").GetString()!;
        await host.WaitForStatusAsync(refusedId, "failed");

        // The refused transaction's nonce was released once: the next transfer takes it, and nothing is skipped.
        host.Wallets.FailWhen = null;
        var (_, next) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" });
        Assert.Equal(1UL, (await host.WaitForStatusAsync(next.GetProperty("id").GetString()!, "confirmed")).GetProperty("nonce").GetUInt64());

        // Checked last: by now the second copies (consumed right after the first ones) had every chance to act.
        Assert.Equal(["accepted", "signature requested", "signed", "broadcast", "mined", "confirmed"], await ActionsAsync(host, signedId));
        Assert.Equal(["accepted", "signature requested", "failed before broadcast", "nonce released"], await ActionsAsync(host, refusedId));
        Assert.Single((await host.GetTransactionAsync(signedId)).GetProperty("attempts").EnumerateArray());
    }

    private static async Task<string[]> ActionsAsync(TransactionsTestHost host, string id) =>
        (await host.AuditOfAsync(id)).Select(e => e.GetProperty("action").GetString()!).ToArray();
}
