namespace MpcWallet.Transactions.Audit;

/// <summary>
/// The result of walking the audit chain: <see cref="Valid"/>, how many entries were checked, and for a broken chain
/// the first bad sequence number and why (altered entry, broken link, missing or reordered entry).
/// </summary>
internal sealed record AuditVerification(bool Valid, long Entries, long? BrokenAt, string? Reason, string? Head);
