namespace MpcWallet.Transactions.Lifecycle;

/// <summary>How a node answered <c>eth_sendRawTransaction</c>.</summary>
internal enum SendOutcome
{
    /// <summary>Accepted, or already in its pool ("already known").</summary>
    Accepted,

    /// <summary>No definite answer (transport failure, malformed answer): send the same bytes again later.</summary>
    Transient,

    /// <summary>The nonce is already used on chain (ours if one of our attempts was mined).</summary>
    NonceTooLow,

    /// <summary>Another transaction with this nonce is in the pool with fees this attempt does not beat.</summary>
    Underpriced,

    /// <summary>maxFeePerGas below the current base fee: waits (same bytes later), then is re-priced after StuckAfter.</summary>
    FeeBelowBaseFee,

    /// <summary>Refused for good (insufficient funds, intrinsic gas too low, invalid).</summary>
    Refused,
}
