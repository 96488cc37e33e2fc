using MpcWallet.Ethereum.Gas;
using MpcWallet.Transactions.Api;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// The gas limits a chain will mine (<see cref="GasRules.Latest"/>: intrinsic gas and the EIP-7623 calldata floor
/// below, the EIP-7825 cap and the block gas limit above). A limit outside them is never mined and would hold every
/// later nonce of the wallet, so a given one is refused at intake and an estimated one is kept inside them.
/// </summary>
internal static class GasLimits
{
    public static GasRules Rules => GasRules.Latest;

    /// <summary>The lowest gas limit the request can be mined with (21000 + calldata, or the calldata floor).</summary>
    public static ulong Minimum(TransactionRequest request) => IntrinsicGas.Of(request.Data, false, null, Rules).MinimumGasLimit;

    /// <summary>Why <paramref name="gasLimit"/> is never mined (null when it can be), checked without the chain.</summary>
    public static string? ProblemWith(ulong gasLimit, TransactionRequest request) =>
        IntrinsicGas.Of(request.Data, false, null, Rules).ProblemWith(gasLimit, request.Data.Length, false, Rules);

    /// <summary>Why <paramref name="gasLimit"/> does not fit in a block of the chain (null when it does).</summary>
    public static string? ProblemWithBlock(ulong gasLimit, ulong blockGasLimit) =>
        gasLimit > blockGasLimit ? $"gas limit {gasLimit} exceeds the chain's block gas limit of {blockGasLimit}; it would never be mined" : null;

    /// <summary>An estimate with its margin, kept between the minimum and what a block (and EIP-7825) allows.</summary>
    public static ulong Fit(ulong withMargin, TransactionRequest request, ulong blockGasLimit)
    {
        var ceiling = Math.Min(blockGasLimit, Rules.MaxTransactionGasLimit ?? ulong.MaxValue);
        return Math.Max(Minimum(request), Math.Min(withMargin, ceiling));
    }
}
