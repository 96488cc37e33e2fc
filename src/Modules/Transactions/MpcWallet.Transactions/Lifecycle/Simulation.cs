using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Api;
using MpcWallet.Transactions.Chains;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Runs the transaction as eth_call at the pending block (from, to, value, data and its gas limit) before anything is
/// stored or signed: a revert comes back decoded (reason string, panic, or a custom error of the ABI the call was
/// given), so a call that would fail on chain is never signed.
/// </summary>
internal static class Simulation
{
    /// <summary>The call's output, or the revert that ended it. Other node errors (out of gas, …) are thrown.</summary>
    public static async Task<(byte[]? Output, RevertReason? Revert)> RunAsync(Chain chain, EthereumAddress from, TransactionRequest request, ulong gasLimit, CancellationToken cancellationToken)
    {
        try
        {
            var output = await chain.Client.CallAsync(
                new TransactionCallRequest { From = from, To = request.To, Value = request.Value, Data = request.Data, Gas = gasLimit },
                BlockParameter.Pending,
                cancellationToken);
            return (output, null);
        }
        catch (ExecutionRevertedException e)
        {
            return (null, Decode(e, request.CustomErrors));
        }
    }

    public static RevertReason Decode(ExecutionRevertedException revert, IEnumerable<AbiError> customErrors) =>
        RevertReason.Decode(revert.RevertData is { } data ? data.Span : [], customErrors);
}
