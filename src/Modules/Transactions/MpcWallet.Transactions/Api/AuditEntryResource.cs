namespace MpcWallet.Transactions.Api;

internal sealed record AuditEntryResource(long Sequence, string? OldStatus, string NewStatus, string Action, string? Hash, string? Detail, string At, string EntryHash);
