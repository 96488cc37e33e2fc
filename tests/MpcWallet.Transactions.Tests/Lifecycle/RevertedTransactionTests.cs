using System.Net;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>
/// A call that passed its simulation but reverts when mined (the contract changed in between) fails with receipt
/// status 0 and the reason decoded by the shared decoder; the nonce is used (no gap).
/// </summary>
public sealed class RevertedTransactionTests(AutomineFixture fixture) : IClassFixture<AutomineFixture>
{
    // mstore(0, Error(string) selector) mstore(4, 0x20) mstore(0x24, 4) mstore(0x44, "nope") revert(0, 0x64)
    private static readonly string RevertWithNope = "0x"
        + "7f" + "08c379a0" + new string('0', 56) + "6000" + "52"
        + "6020" + "6004" + "52"
        + "6004" + "6024" + "52"
        + "7f" + "6e6f7065" + new string('0', 56) + "6044" + "52"
        + "6064" + "6000" + "fd";

    [Fact]
    public async Task A_reverted_receipt_fails_the_transaction_with_the_reason()
    {
        var host = fixture.Host;
        var (wallet, key) = await host.CreateWalletAsync(UInt256.Parse("1000000000000000000"));
        var target = TransferTests.RandomAddress();
        await SetCodeAsync(host, target, "0x00"); // STOP: the simulation succeeds

        host.Wallets.Paused = true;
        var (response, created) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = target.ToChecksumString(), data = "0x01", gasLimit = "60000" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await SetCodeAsync(host, target, RevertWithNope); // … and the code changes before the transaction is mined
        await host.Wallets.ResumeAsync();

        var failed = await host.WaitForStatusAsync(created.GetProperty("id").GetString()!, "failed");
        Assert.Contains("receipt status 0", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("nope", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0UL, failed.GetProperty("nonce").GetUInt64());
        var receipt = await host.Anvil.Client.GetTransactionReceiptAsync(failed.GetProperty("hash").GetString()!);
        Assert.False(receipt!.Succeeded);

        var (_, next) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" });
        Assert.Equal(1UL, (await host.WaitForStatusAsync(next.GetProperty("id").GetString()!, "confirmed")).GetProperty("nonce").GetUInt64());
        Assert.Equal(2UL, await host.Anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
    }

    private static Task SetCodeAsync(TransactionsTestHost host, Ethereum.Addresses.EthereumAddress target, string code) =>
        host.Anvil.Client.SendAsync(new EthereumRpcCall<bool>("anvil_setCode", [target.ToLowerHex(), code], _ => true));
}
