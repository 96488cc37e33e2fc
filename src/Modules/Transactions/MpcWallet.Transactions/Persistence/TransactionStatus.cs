namespace MpcWallet.Transactions.Persistence;

/// <summary>
/// The API's statuses. Forward only (queued → signing → submitted → confirmed | cancelled | failed), except that a
/// reorg moves a mined (submitted, confirmed or cancelled) transaction back to submitted. Failed is final.
/// </summary>
internal static class TransactionStatus
{
    public const string Queued = "queued";
    public const string Signing = "signing";
    public const string Submitted = "submitted";
    public const string Confirmed = "confirmed";

    /// <summary>
    /// A cancel attempt (0-value self-transfer) took the nonce and has the confirmation depth, or the transaction was
    /// cancelled before anything was broadcast. Nothing the transaction asked for happened.
    /// </summary>
    public const string Cancelled = "cancelled";

    public const string Failed = "failed";

    public static bool IsTerminal(string status) => status == Failed;

    /// <summary>Nothing further happens to it short of a reorg: what <c>Prefer: wait</c> waits for.</summary>
    public static bool IsSettled(string status) => status is Confirmed or Cancelled or Failed;

    /// <summary>Mined at depth (confirmed or cancelled): watched for reorgs until final.</summary>
    public static bool IsMinedAtDepth(string status) => status is Confirmed or Cancelled;
}
