using MpcWallet.Ethereum.Rpc;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>Maps the RPC library's typed errors (its per-client string table) to what the lifecycle does next.</summary>
internal static class SendOutcomes
{
    public static SendOutcome Classify(Exception? error) => error switch
    {
        null or AlreadyKnownException => SendOutcome.Accepted,
        EthereumRpcTransportException or EthereumRpcResponseException or HttpRequestException or TaskCanceledException => SendOutcome.Transient,
        NonceTooLowException => SendOutcome.NonceTooLow,
        ReplacementUnderpricedException => SendOutcome.Underpriced,
        FeeCapTooLowException => SendOutcome.FeeBelowBaseFee,
        _ => SendOutcome.Refused,
    };
}
