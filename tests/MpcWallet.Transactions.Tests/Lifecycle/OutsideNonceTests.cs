using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Testing.Processes;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>
/// The wallet's key used outside the service at a nonce the service holds: the service's transaction fails with a
/// clear error (it never re-sends for ever) and the wallet's next transaction takes the next nonce and confirms.
/// </summary>
public sealed class OutsideNonceTests
{
    private static readonly UInt256 OneEther = UInt256.Parse("1000000000000000000");

    [Fact]
    public async Task A_nonce_taken_by_another_sender_before_our_first_send_fails_that_transaction_and_the_next_confirms()
    {
        await using var anvil = await AnvilChain.StartAsync();
        await using var host = await TransactionsTestHost.StartAsync(anvil);
        var (wallet, key) = await host.CreateWalletAsync(OneEther);

        host.Wallets.Paused = true;
        var (_, created) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "5" });
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(0UL, created.GetProperty("nonce").GetUInt64());

        // Someone with the key sends nonce 0 themselves while the service waits for its signature.
        await OutsideSender.ReceiptAsync(anvil, await OutsideSender.SendAsync(anvil, key, key.Address, [], nonce: 0, gas: 21_000));
        await host.Wallets.ResumeAsync();

        var failed = await host.WaitForStatusAsync(id, "failed");
        Assert.Contains("did not send", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        var (_, next) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "6" });
        Assert.Equal(1UL, (await host.WaitForStatusAsync(next.GetProperty("id").GetString()!, "confirmed")).GetProperty("nonce").GetUInt64());
        Assert.Equal(2UL, await anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
    }

    [Fact]
    public async Task A_pending_transaction_whose_nonce_another_sender_gets_mined_fails_instead_of_being_resent_for_ever()
    {
        // The findings' case: our bytes were accepted (pending), then replaced in the pool by an outside transaction
        // at the same nonce that got mined. Every later send of ours answers "nonce too low" and the node knows none
        // of our hashes.
        await using var anvil = await AnvilChain.StartAsync(automine: false);
        await using var host = await TransactionsTestHost.StartAsync(anvil);
        var (wallet, key) = await host.CreateWalletAsync(OneEther);
        var (_, created) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "5", maxFeePerGas = "2000000000", maxPriorityFeePerGas = "1000000000" });
        var id = created.GetProperty("id").GetString()!;
        await host.WaitForStatusAsync(id, "submitted");

        var outside = await OutsideSender.SendAsync(anvil, key, key.Address, [], nonce: 0, maxFee: (UInt256)20_000_000_000UL, tip: (UInt256)10_000_000_000UL, gas: 21_000);
        await anvil.MineAsync();
        Assert.NotNull(await anvil.Client.GetTransactionReceiptAsync(outside));

        var failed = await host.WaitForStatusAsync(id, "failed", TimeSpan.FromSeconds(30));
        Assert.Contains("nonce 0 was already used on chain by a transaction this service did not send", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Null(await anvil.Client.GetTransactionReceiptAsync(failed.GetProperty("attempts")[0].GetProperty("hash").GetString()!));

        var (_, next) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "6" });
        var nextId = next.GetProperty("id").GetString()!;
        await host.WaitForStatusAsync(nextId, "submitted");
        await anvil.MineAsync();
        Assert.Equal(1UL, (await host.WaitForStatusAsync(nextId, "confirmed")).GetProperty("nonce").GetUInt64());
    }
}
