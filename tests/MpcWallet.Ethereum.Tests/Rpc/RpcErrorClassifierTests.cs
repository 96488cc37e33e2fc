using System.Text.Json;
using MpcWallet.Ethereum.Rpc;

namespace MpcWallet.Ethereum.Tests.Rpc;

/// <summary>One row per client error string (geth, Anvil 1.7.1 as observed, Erigon, Besu, Nethermind).</summary>
public sealed class RpcErrorClassifierTests
{
    [Theory]
    [InlineData(-32000, "nonce too low: address 0xabc, tx: 1 state: 2", typeof(NonceTooLowException))] // geth
    [InlineData(-32003, "nonce too low", typeof(NonceTooLowException))] // anvil
    [InlineData(-32000, "Nonce too low", typeof(NonceTooLowException))] // besu spelling
    [InlineData(-32010, "OldNonce, Current nonce: 3, nonce of rejected tx: 1", typeof(NonceTooLowException))] // nethermind
    [InlineData(-32000, "replacement transaction underpriced", typeof(ReplacementUnderpricedException))] // geth, anvil
    [InlineData(-32000, "REPLACEMENT_UNDERPRICED", typeof(ReplacementUnderpricedException))]
    [InlineData(-32000, "insufficient funds for gas * price + value: balance 0, tx cost 1", typeof(InsufficientFundsException))] // geth
    [InlineData(-32003, "Insufficient funds for gas * price + value", typeof(InsufficientFundsException))] // anvil
    [InlineData(-32000, "Upfront cost exceeds account balance", typeof(InsufficientFundsException))] // besu
    [InlineData(-32000, "already known", typeof(AlreadyKnownException))] // geth
    [InlineData(-32003, "transaction already imported", typeof(AlreadyKnownException))] // anvil
    [InlineData(-32000, "known transaction: 0xabc", typeof(AlreadyKnownException))] // old geth
    [InlineData(-32010, "AlreadyKnown", typeof(AlreadyKnownException))] // nethermind
    [InlineData(-32000, "unknown transaction", typeof(EthereumRpcException))] // must NOT be "known transaction"
    [InlineData(-32000, "intrinsic gas too low", typeof(IntrinsicGasTooLowException))] // geth, anvil
    [InlineData(-32000, "Intrinsic gas exceeds gas limit", typeof(IntrinsicGasTooLowException))] // besu
    [InlineData(-32003, "max fee per gas less than block base fee", typeof(FeeCapTooLowException))] // anvil 1.7.1 (seen), geth
    [InlineData(-32000, "fee cap less than block base fee: address 0x0, maxFeePerGas: 1 baseFee: 7", typeof(FeeCapTooLowException))] // erigon
    [InlineData(3, "execution reverted", typeof(ExecutionRevertedException))] // geth, anvil
    [InlineData(-32000, "execution reverted", typeof(ExecutionRevertedException))] // older nodes without code 3
    [InlineData(-32601, "Method not found", typeof(EthereumRpcException))]
    [InlineData(-32000, "nonce too high", typeof(EthereumRpcException))]
    public void Node_error_strings_map_to_their_exception_type(int code, string message, Type expected)
    {
        var error = RpcErrorClassifier.Classify(code, message, null);

        Assert.Equal(expected, error.GetType());
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Revert_data_is_taken_from_the_data_member()
    {
        using var document = JsonDocument.Parse("""{"code":3,"message":"execution reverted: custom error 0xdeadbeef","data":"0xdeadbeef00"}""");

        var error = Assert.IsType<ExecutionRevertedException>(RpcErrorClassifier.FromErrorObject(document.RootElement));

        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef, 0x00 }, error.RevertData!.Value.ToArray());
        Assert.Equal("\"0xdeadbeef00\"", error.ErrorData);
    }

    [Fact]
    public void An_error_object_without_an_integer_code_is_a_response_exception()
    {
        using var document = JsonDocument.Parse("""{"message":"x"}""");

        Assert.Throws<EthereumRpcResponseException>(() => RpcErrorClassifier.FromErrorObject(document.RootElement));
    }
}
