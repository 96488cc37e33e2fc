using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace MpcWallet.Transactions.Persistence;

/// <summary>
/// The audit hash chain: entry n stores SHA-256(domain tag ‖ n ‖ hash(n−1) ‖ every field, each length-prefixed),
/// the first entry links to 64 zeros. Sequences are contiguous from 1.
/// </summary>
internal static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string DomainTag = "mpcwallet/transactions/audit/v1";

    public static Task<AuditRecord?> HeadAsync(TransactionsDbContext context) =>
        context.Audit.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync();

    public static AuditRecord Link(AuditRecord? previous, AuditRecord entry)
    {
        entry.Sequence = (previous?.Sequence ?? 0) + 1;
        entry.PreviousHash = previous?.EntryHash ?? Genesis;
        entry.EntryHash = Compute(entry);
        return entry;
    }

    public static string Compute(AuditRecord entry)
    {
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     DomainTag, entry.Sequence.ToString(CultureInfo.InvariantCulture), entry.PreviousHash, entry.Tenant, entry.WalletId,
                     entry.TransactionId, entry.OldStatus, entry.NewStatus, entry.Action, entry.TransactionHash, entry.Detail, entry.At,
                 })
        {
            // Length-prefixed (null distinct from empty), so no two different entries serialise alike.
            text.Append(field is null ? "-1" : field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
