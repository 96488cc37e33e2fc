namespace MpcWallet.Transactions.Persistence;

/// <summary>
/// The API's statuses. Forward only (queued → signing → submitted → confirmed | failed), except that a reorg moves a
/// mined (submitted or confirmed) transaction back to submitted. Failed is final.
/// </summary>
internal static class TransactionStatus
{
    public const string Queued = "queued";
    public const string Signing = "signing";
    public const string Submitted = "submitted";
    public const string Confirmed = "confirmed";
    public const string Failed = "failed";

    public static bool IsTerminal(string status) => status == Failed;
}
