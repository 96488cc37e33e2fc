using System.Text.Json;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.Anvil;

/// <summary>A separate Anvil started with --no-mining, so transactions wait in the pool: replacement and duplicate rules.</summary>
public sealed class AnvilMempoolTests
{
    [Fact]
    public async Task Same_nonce_without_a_higher_fee_is_ReplacementUnderpriced_and_the_same_bytes_again_are_AlreadyKnown()
    {
        await using var node = await AnvilChain.StartAsync(automine: false);
        var client = node.Client;
        var chainId = await client.GetChainIdAsync();
        var nonce = await client.GetTransactionCountAsync(AnvilAccounts.Address0, BlockParameter.Pending);
        var original = Sign(new Eip1559Transaction(chainId, nonce, 1_000_000_000, 3_000_000_000, 21000, AnvilAccounts.FreshRecipient(), 1, []));
        var sameFees = Sign(new Eip1559Transaction(chainId, nonce, 1_000_000_000, 3_000_000_000, 21000, AnvilAccounts.FreshRecipient(), 2, []));

        Assert.Equal(original.HashHex, await client.SendRawTransactionAsync(original));
        Assert.Null(await client.GetTransactionReceiptAsync(original.HashHex)); // pending: no receipt yet
        Assert.Equal(nonce + 1, await client.GetTransactionCountAsync(AnvilAccounts.Address0, BlockParameter.Pending));

        var underpriced = await Assert.ThrowsAsync<ReplacementUnderpricedException>(() => client.SendRawTransactionAsync(sameFees));
        var duplicate = await Assert.ThrowsAsync<AlreadyKnownException>(() => client.SendRawTransactionAsync(original));
        Assert.Equal("replacement transaction underpriced", underpriced.Message);
        Assert.Equal("transaction already imported", duplicate.Message);

        await client.SendAsync(new EthereumRpcCall<JsonElement>("evm_mine", [], result => result.Clone()));
        var receipt = await AnvilTransactionTests.WaitForReceiptAsync(client, original.HashHex);
        Assert.True(receipt.Succeeded);
    }

    private static SignedTransaction Sign(Transaction transaction) =>
        transaction.Sign(AnvilAccounts.Key0.Sign(transaction.GetSigningHash()));
}
