namespace MpcWallet.Transactions.Audit;

/// <summary>
/// The result of walking the audit chain, as one tenant sees it: <see cref="Valid"/> when the whole chain is intact;
/// <see cref="Entries"/> the tenant's own entries checked; <see cref="Head"/> the hash of the tenant's newest entry.
/// For a broken chain, <see cref="BrokenAt"/> is the first bad entry when it is the tenant's own (another tenant's
/// sequence numbers are not disclosed) and <see cref="Reason"/> says why.
/// </summary>
internal sealed record AuditVerification(bool Valid, long Entries, long? BrokenAt, string? Reason, string? Head);
