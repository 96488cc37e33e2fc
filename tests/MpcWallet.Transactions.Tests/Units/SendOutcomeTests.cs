using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Lifecycle;

namespace MpcWallet.Transactions.Tests.Units;

public sealed class SendOutcomeTests
{
    public static TheoryData<Exception, string> NodeErrors => new()
    {
        { new AlreadyKnownException(-32003, "transaction already imported", null), "Accepted" },
        { new NonceTooLowException(-32003, "nonce too low", null), "NonceTooLow" },
        { new ReplacementUnderpricedException(-32003, "replacement transaction underpriced", null), "Underpriced" },
        { new InsufficientFundsException(-32003, "Insufficient funds for gas * price + value", null), "Refused" },
        { new IntrinsicGasTooLowException(-32000, "intrinsic gas too low", null), "Refused" },
        { new FeeCapTooLowException(-32003, "max fee per gas less than block base fee", null), "FeeBelowBaseFee" },
        { new EthereumRpcException(-32602, "invalid transaction", null), "Refused" },
        { new EthereumRpcResponseException("hash mismatch"), "Transient" },
    };

    [Theory]
    [MemberData(nameof(NodeErrors))]
    public void Node_errors_map_to_what_happens_next(Exception error, string expected) =>
        Assert.Equal(expected, SendOutcomes.Classify(error).ToString());

    [Fact]
    public void No_answer_is_transient_and_no_error_is_accepted()
    {
        Assert.Equal(SendOutcome.Transient, SendOutcomes.Classify(new EthereumRpcTransportException("timeout", new TimeoutException())));
        Assert.Equal(SendOutcome.Accepted, SendOutcomes.Classify(null));
    }
}
