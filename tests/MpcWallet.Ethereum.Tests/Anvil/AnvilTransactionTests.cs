using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.Anvil;

/// <summary>
/// Against a real node (Anvil): transactions built by our encoder and signed by the RFC 6979 test signer are
/// accepted and mined, the node reports our hash and sender, and its errors arrive as our exception types.
/// </summary>
[Collection(AnvilCollection.Name)]
public sealed class AnvilTransactionTests(AnvilFixture anvil)
{
    private EthereumRpcClient Client => anvil.Node.Client;

    [Fact]
    public async Task Legacy_EIP155_transfer_is_mined_with_status_1_and_the_node_reports_our_hash_and_sender()
    {
        var chainId = await Client.GetChainIdAsync();
        var recipient = AnvilAccounts.FreshRecipient();
        var transaction = new LegacyTransaction(
            chainId,
            await Client.GetTransactionCountAsync(AnvilAccounts.Address0, BlockParameter.Pending),
            (await Client.GetGasPriceAsync()) * 2UL,
            21000,
            recipient,
            12345,
            []);

        var signed = await SendAndMineAsync(transaction);

        Assert.Equal(31337UL, chainId);
        Assert.Contains((int)signed.V, new[] { 62709, 62710 });
        Assert.Equal((UInt256)12345UL, await Client.GetBalanceAsync(recipient, BlockParameter.Latest));
    }

    [Fact]
    public async Task EIP1559_transfer_is_mined_with_status_1_and_pays_min_of_max_fee_and_base_fee_plus_tip()
    {
        var chainId = await Client.GetChainIdAsync();
        var recipient = AnvilAccounts.FreshRecipient();
        var latest = await Client.GetBlockByNumberAsync(BlockParameter.Latest);
        var tip = await Client.GetMaxPriorityFeePerGasAsync();
        var maxFee = (latest!.BaseFeePerGas!.Value * 2UL) + tip;
        var gas = await Client.EstimateGasAsync(new TransactionCallRequest { From = AnvilAccounts.Address0, To = recipient, Value = 777UL });
        var transaction = new Eip1559Transaction(
            chainId,
            await Client.GetTransactionCountAsync(AnvilAccounts.Address0, BlockParameter.Pending),
            tip,
            maxFee,
            gas,
            recipient,
            777,
            []);

        var signed = await SendAndMineAsync(transaction);

        var receipt = (await Client.GetTransactionReceiptAsync(signed.HashHex))!;
        var block = await Client.GetBlockByNumberAsync(BlockParameter.Number(receipt.BlockNumber));
        Assert.Equal(21000UL, gas);
        Assert.Equal(2, receipt.Type);
        Assert.Equal(transaction.EffectiveGasPrice(block!.BaseFeePerGas!.Value), receipt.EffectiveGasPrice);
        Assert.Contains(signed.HashHex, block.TransactionHashes);
        Assert.Equal((UInt256)777UL, await Client.GetBalanceAsync(recipient, BlockParameter.Latest));
    }

    [Fact]
    public async Task EIP2930_transfer_with_an_access_list_is_mined_with_status_1()
    {
        var chainId = await Client.GetChainIdAsync();
        var recipient = AnvilAccounts.FreshRecipient();
        var transaction = new AccessListTransaction(
            chainId,
            await Client.GetTransactionCountAsync(AnvilAccounts.Address0, BlockParameter.Pending),
            (await Client.GetGasPriceAsync()) * 2UL,
            30000,
            recipient,
            5,
            [],
            [new AccessListEntry(recipient, [new byte[32]])]);

        await SendAndMineAsync(transaction);

        Assert.Equal((UInt256)5UL, await Client.GetBalanceAsync(recipient, BlockParameter.Latest));
    }

    [Fact]
    public async Task Reusing_a_mined_nonce_is_NonceTooLowException()
    {
        var chainId = await Client.GetChainIdAsync();
        var first = new Eip1559Transaction(chainId, await Client.GetTransactionCountAsync(AnvilAccounts.Address0, BlockParameter.Pending), 1_000_000_000, 10_000_000_000, 21000, AnvilAccounts.FreshRecipient(), 1, []);
        await SendAndMineAsync(first);

        var reuse = new Eip1559Transaction(chainId, first.Nonce, 1_000_000_000, 10_000_000_000, 21000, AnvilAccounts.FreshRecipient(), 2, []);
        var error = await Assert.ThrowsAsync<NonceTooLowException>(() => Client.SendRawTransactionAsync(Sign(reuse)));

        Assert.Contains("nonce too low", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unaffordable_value_is_InsufficientFundsException_and_a_short_gas_limit_is_IntrinsicGasTooLowException()
    {
        var chainId = await Client.GetChainIdAsync();
        var nonce = await Client.GetTransactionCountAsync(AnvilAccounts.Address0, BlockParameter.Pending);
        var tooExpensive = new Eip1559Transaction(chainId, nonce, 1_000_000_000, 10_000_000_000, 21000, AnvilAccounts.FreshRecipient(), UInt256.Parse("1000000000000000000000000"), []);
        var tooLittleGas = new Eip1559Transaction(chainId, nonce, 1_000_000_000, 10_000_000_000, 20000, AnvilAccounts.FreshRecipient(), 1, []);

        await Assert.ThrowsAsync<InsufficientFundsException>(() => Client.SendRawTransactionAsync(Sign(tooExpensive)));
        await Assert.ThrowsAsync<IntrinsicGasTooLowException>(() => Client.SendRawTransactionAsync(Sign(tooLittleGas)));
    }

    [Fact]
    public async Task A_reverting_call_is_ExecutionRevertedException_with_the_revert_data()
    {
        // Init code: PUSH32 0xdeadbeef00…, PUSH1 0, MSTORE, PUSH1 32, PUSH1 0, REVERT — reverts with those 32 bytes.
        var code = HexBytes.Parse("0x7fdeadbeef0000000000000000000000000000000000000000000000000000000060005260206000fd");

        var error = await Assert.ThrowsAsync<ExecutionRevertedException>(() =>
            Client.CallAsync(new TransactionCallRequest { From = AnvilAccounts.Address0, Data = code }, BlockParameter.Latest));

        Assert.Equal(3, error.Code);
        Assert.Equal(HexBytes.Parse("0xdeadbeef00000000000000000000000000000000000000000000000000000000"), error.RevertData!.Value.ToArray());
    }

    [Fact]
    public async Task A_batch_against_the_node_returns_each_result_and_a_per_entry_error()
    {
        var batch = new EthereumRpcBatch();
        var chainId = batch.Add(EthereumRpcCalls.ChainId());
        var blockNumber = batch.Add(EthereumRpcCalls.BlockNumber());
        var balance = batch.Add(EthereumRpcCalls.GetBalance(AnvilAccounts.Address0, BlockParameter.Latest));
        var unknown = batch.Add(new EthereumRpcCall<JsonElement>("eth_noSuchMethod", [], result => result.Clone()));

        await Client.ExecuteBatchAsync(batch);

        Assert.Equal(31337UL, chainId.Value);
        Assert.Equal(await Client.GetBlockNumberAsync(), blockNumber.Value);
        Assert.True(balance.Value > UInt256.Zero);
        var error = Assert.IsType<EthereumRpcException>(unknown.Error);
        Assert.Equal(-32601, error.Code);
    }

    [Fact]
    public async Task Fee_history_has_one_base_fee_more_than_blocks()
    {
        var blocks = (int)Math.Min(4UL, await Client.GetBlockNumberAsync() + 1);

        var history = await Client.GetFeeHistoryAsync(blocks, BlockParameter.Latest, [25, 75]);

        Assert.Equal(blocks, history.BlockCount);
        Assert.Equal(blocks + 1, history.BaseFeePerGas.Count);
        Assert.All(history.Reward, tips => Assert.Equal(2, tips.Count));
    }

    private static SignedTransaction Sign(Transaction transaction)
    {
        var signed = transaction.Sign(AnvilAccounts.Key0.Sign(transaction.GetSigningHash()));
        Assert.Equal(AnvilAccounts.Address0, signed.Sender);
        return signed;
    }

    private async Task<SignedTransaction> SendAndMineAsync(Transaction transaction)
    {
        var signed = Sign(transaction);
        var hash = await Client.SendRawTransactionAsync(signed);
        Assert.Equal(signed.HashHex, hash);

        var receipt = await WaitForReceiptAsync(Client, hash);
        Assert.True(receipt.Succeeded);
        Assert.Equal(signed.HashHex, receipt.TransactionHash);
        Assert.Equal(AnvilAccounts.Address0, receipt.From);
        Assert.Equal(transaction.To, receipt.To);

        var details = await Client.GetTransactionByHashAsync(hash);
        Assert.NotNull(details);
        Assert.Equal(signed.HashHex, details.Hash);
        Assert.Equal(signed.Sender, details.From);
        Assert.Equal(transaction.Nonce, details.Nonce);
        Assert.Equal((byte)transaction.Type, details.Type);
        Assert.Equal(receipt.BlockNumber, details.BlockNumber);
        return signed;
    }

    internal static async Task<TransactionReceipt> WaitForReceiptAsync(EthereumRpcClient client, string hash) =>
        (await Eventually.ValueAsync(() => client.GetTransactionReceiptAsync(hash), receipt => receipt is not null, TimeSpan.FromSeconds(10), $"{hash} has a receipt"))!;
}
