using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Transactions.Fees;

/// <summary>EIP-1559 fees for one attempt, and what they were derived from (for the audit log).</summary>
internal sealed record FeeQuote(UInt256 MaxFeePerGas, UInt256 MaxPriorityFeePerGas, string Basis)
{
    /// <summary>The next block's base fee the quote was made from, when it came from the market.</summary>
    public UInt256? NextBaseFee { get; init; }
}
