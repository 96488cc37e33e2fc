namespace MpcWallet.Transactions.Persistence;

/// <summary>Why an attempt exists (every attempt of a transaction holds the same nonce).</summary>
internal static class AttemptKinds
{
    /// <summary>The transaction as it was accepted.</summary>
    public const string Original = "original";

    /// <summary>An automatic replacement with bumped fees (stuck longer than <c>StuckAfter</c>).</summary>
    public const string Bump = "bump";

    /// <summary>A replacement with higher fees asked for through <c>POST /v1/transactions/{id}/speedup</c>.</summary>
    public const string SpeedUp = "speedup";

    /// <summary>
    /// A 0-value self-transfer at the same nonce, asked for through <c>POST /v1/transactions/{id}/cancel</c> or made
    /// when the transaction stayed unmined for <c>CancelAfter</c>.
    /// </summary>
    public const string Cancel = "cancel";
}
