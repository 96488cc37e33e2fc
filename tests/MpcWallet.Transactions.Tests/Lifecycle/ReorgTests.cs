using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>A confirmed transaction whose block is reverted away (evm_revert) goes back to submitted, is rebroadcast and confirms again.</summary>
public sealed class ReorgTests
{
    [Fact]
    public async Task A_dropped_block_moves_the_transaction_back_to_submitted_then_confirmed_again()
    {
        await using var anvil = await AnvilChain.StartAsync();
        await using var host = await TransactionsTestHost.StartAsync(anvil);
        var (wallet, key) = await host.CreateWalletAsync(UInt256.Parse("1000000000000000000"));
        var snapshot = await anvil.SnapshotAsync();
        var recipient = TransferTests.RandomAddress();
        var (_, created) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = recipient.ToChecksumString(), value = "12345" });
        var id = created.GetProperty("id").GetString()!;
        var first = await host.WaitForStatusAsync(id, "confirmed");
        var hash = first.GetProperty("hash").GetString()!;

        Assert.True(await anvil.RevertAsync(snapshot));
        Assert.Null(await anvil.Client.GetTransactionReceiptAsync(hash));

        await Eventually.TrueAsync(
            async () => (await host.AuditOfAsync(id)).Any(e => e.GetProperty("action").GetString() == "reorg" && e.GetProperty("oldStatus").GetString() == "confirmed" && e.GetProperty("newStatus").GetString() == "submitted"),
            TimeSpan.FromSeconds(20),
            "the reorg is recorded");
        var again = await host.WaitForStatusAsync(id, "confirmed");
        Assert.Equal(hash, again.GetProperty("hash").GetString()); // the same signed bytes were sent again
        var receipt = await anvil.Client.GetTransactionReceiptAsync(hash);
        Assert.NotNull(receipt);
        Assert.Equal(again.GetProperty("blockNumber").GetUInt64(), receipt.BlockNumber);
        Assert.Equal((UInt256)12345UL, await anvil.Client.GetBalanceAsync(recipient, BlockParameter.Latest));
        Assert.Equal(1UL, await anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));

        var statuses = (await host.AuditOfAsync(id)).Where(e => e.GetProperty("oldStatus").GetString() != e.GetProperty("newStatus").GetString())
            .Select(e => e.GetProperty("newStatus").GetString()!).ToArray();
        Assert.Equal(["queued", "signing", "submitted", "confirmed", "submitted", "confirmed"], statuses);
    }
}
