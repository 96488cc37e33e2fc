using System.Numerics;
using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Gas;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Ethereum.Tests.TestSupport;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.Anvil;

/// <summary>
/// The checked-in ERC-20 (tests/contracts/TestToken.sol) on a real EVM, driven only by our ABI code: deploy, mint,
/// transfer, read balances and metadata with eth_call, decode the Transfer logs, and decode every kind of revert
/// eth_call reports (reason string, custom error, panic).
/// </summary>
[Collection(AnvilCollection.Name)]
public sealed class TestTokenTests(AnvilFixture anvil)
{
    private static readonly ContractAbi Abi = TestTokenArtifact.Instance.Abi;

    private EthereumRpcClient Client => anvil.Node.Client;

    [Fact]
    public void The_artifact_was_built_from_the_checked_in_source()
    {
        // A .sol edited without running scripts/build-contracts.sh fails here.
        Assert.Equal(TestTokenArtifact.SourceSha256OfCheckedInSource(), TestTokenArtifact.Instance.SourceSha256);
    }

    [Fact]
    public async Task Deploy_mint_transfer_and_read_balances_and_logs_with_our_abi()
    {
        var token = await DeployAsync("Test Token", "TST", 6);
        Assert.Equal("Test Token", await ReadAsync<string>(token, "name"));
        Assert.Equal("TST", await ReadAsync<string>(token, "symbol"));
        Assert.Equal(6, (int)await ReadAsync<BigInteger>(token, "decimals"));

        var recipient = AnvilAccounts.FreshRecipient();
        await SendAsync(token, Abi.Function("mint").EncodeCall(AnvilAccounts.Address0, 1_000_000));
        var receipt = await SendAsync(token, Abi.Function("transfer").EncodeCall(recipient, 250_000));

        Assert.Equal(750_000, await ReadAsync<BigInteger>(token, "balanceOf", AnvilAccounts.Address0));
        Assert.Equal(250_000, await ReadAsync<BigInteger>(token, "balanceOf", recipient));
        Assert.Equal(1_000_000, await ReadAsync<BigInteger>(token, "totalSupply"));

        var transfer = Abi.Event("Transfer");
        var log = Assert.Single(receipt.Logs, transfer.Matches);
        var values = transfer.DecodeLog(log);
        Assert.Equal(AnvilAccounts.Address0, values[0]);
        Assert.Equal(recipient, values[1]);
        Assert.Equal(new BigInteger(250_000), values[2]);
    }

    [Fact]
    public async Task Reverts_from_eth_call_decode_to_their_reason_custom_error_and_panic()
    {
        var token = await DeployAsync("Revert Token", "RVT", 18);

        var reason = await RevertOfAsync(token, Abi.Function("failWithReason").EncodeCall());
        Assert.Equal(RevertKind.Error, reason.Kind);
        Assert.Equal("TestToken: refused on purpose", reason.Message);

        var custom = await RevertOfAsync(token, Abi.Function("failWithCustomError").EncodeCall(42));
        Assert.Equal(RevertKind.CustomError, custom.Kind);
        Assert.Equal("Refused", custom.Error!.Name);
        Assert.Equal("Refused(code: \"42\", why: \"on purpose\")", custom.Description);

        var panic = await RevertOfAsync(token, Abi.Function("divide").EncodeCall(0));
        Assert.Equal(RevertKind.Panic, panic.Kind);
        Assert.Equal(0x12, (int)panic.PanicCode!.Value);

        // A transfer the sender cannot cover, as eth_call from a fresh account: InsufficientBalance(account, 0, 5).
        var poor = AnvilAccounts.FreshRecipient();
        var insufficient = await RevertOfAsync(token, Abi.Function("transfer").EncodeCall(AnvilAccounts.Address0, 5), poor);
        Assert.Equal("InsufficientBalance", insufficient.Error!.Name);
        Assert.Equal(poor, insufficient.Arguments![0]);

        // Without the contract's ABI the custom error is reported, undecoded, by its selector.
        var undeclared = RevertReason.Decode(custom.Data);
        Assert.Equal(RevertKind.Unrecognized, undeclared.Kind);
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("0xdeadbeef")]
    [InlineData("0x00000000")]
    [InlineData("0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff")]
    public async Task The_minimum_gas_limit_equals_what_anvil_estimates_for_a_plain_call(string data)
    {
        // A call to an account without code runs nothing, so Anvil's estimate is exactly the intrinsic cost or the floor.
        var bytes = HexBytes.Parse(data);
        var estimate = await Client.EstimateGasAsync(new TransactionCallRequest { From = AnvilAccounts.Address0, To = AnvilAccounts.FreshRecipient(), Data = bytes });
        Assert.Equal(estimate, IntrinsicGas.Of(bytes, false, null, GasRules.Latest).MinimumGasLimit);
    }

    [Fact]
    public async Task The_findings_transaction_is_mined_at_the_minimum_gas_limit()
    {
        // gasLimit 21000 with data 0xdeadbeef was accepted and never mined; at MinimumGasLimit (21160 now) it is mined.
        var data = HexBytes.Parse("0xdeadbeef");
        var minimum = IntrinsicGas.Of(data, false, null, GasRules.Latest).MinimumGasLimit;
        var latest = await Client.GetBlockByNumberAsync(BlockParameter.Latest);
        var transaction = new Eip1559Transaction(31337, await Client.GetTransactionCountAsync(AnvilAccounts.Address0, BlockParameter.Pending), 1_000_000_000UL, (latest!.BaseFeePerGas!.Value * 2UL) + 1_000_000_000UL, minimum, AnvilAccounts.FreshRecipient(), UInt256.Zero, data);
        var signed = transaction.Sign(AnvilAccounts.Key0.Sign(transaction.GetSigningHash()));
        var receipt = await AnvilTransactionTests.WaitForReceiptAsync(Client, await Client.SendRawTransactionAsync(signed));
        Assert.True(receipt.Succeeded);
        Assert.Equal(minimum, receipt.GasUsed);
    }

    private async Task<EthereumAddress> DeployAsync(string name, string symbol, int decimals)
    {
        var creation = Abi.EncodeDeployment(TestTokenArtifact.Instance.Bytecode, name, symbol, decimals);
        var receipt = await SendAsync(null, creation);
        return receipt.ContractAddress ?? throw new InvalidOperationException("no contract address in the receipt");
    }

    private async Task<TransactionReceipt> SendAsync(EthereumAddress? to, byte[] data)
    {
        var gas = await Client.EstimateGasAsync(new TransactionCallRequest { From = AnvilAccounts.Address0, To = to, Data = data });
        var latest = await Client.GetBlockByNumberAsync(BlockParameter.Latest);
        var transaction = new Eip1559Transaction(
            31337,
            await Client.GetTransactionCountAsync(AnvilAccounts.Address0, BlockParameter.Pending),
            1_000_000_000UL,
            (latest!.BaseFeePerGas!.Value * 2UL) + 1_000_000_000UL,
            gas,
            to,
            UInt256.Zero,
            data);
        var signed = transaction.Sign(AnvilAccounts.Key0.Sign(transaction.GetSigningHash()));
        var receipt = await AnvilTransactionTests.WaitForReceiptAsync(Client, await Client.SendRawTransactionAsync(signed));
        Assert.True(receipt.Succeeded);
        return receipt;
    }

    private async Task<T> ReadAsync<T>(EthereumAddress token, string function, params object?[] arguments)
    {
        var abiFunction = Abi.Function(function);
        var result = await Client.CallAsync(new TransactionCallRequest { To = token, Data = abiFunction.EncodeCall(arguments) }, BlockParameter.Latest);
        return (T)Assert.Single(abiFunction.DecodeOutput(result));
    }

    private async Task<RevertReason> RevertOfAsync(EthereumAddress token, byte[] data, EthereumAddress? from = null)
    {
        var error = await Assert.ThrowsAsync<ExecutionRevertedException>(() => Client.CallAsync(new TransactionCallRequest { From = from, To = token, Data = data }, BlockParameter.Latest));
        Assert.NotNull(error.RevertData);
        return RevertReason.Decode(error.RevertData.Value.Span, Abi);
    }
}
