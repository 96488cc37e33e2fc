using Microsoft.EntityFrameworkCore;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Audit;

/// <summary>
/// Re-computes every entry's hash and link, in pages, and reports the first place the chain breaks, to one tenant:
/// the chain is one for all tenants (an entry links to the one before it, whoever it belongs to), so integrity is
/// checked over all of it, but what the answer counts and names is the tenant's own.
/// </summary>
internal sealed class AuditVerifier(TransactionsStore store)
{
    private const int Page = 1000;

    /// <param name="tenant">The tenant asking; null for an operator (admin role), to whom every entry is its own.</param>
    public async Task<AuditVerification> VerifyAsync(string? tenant, CancellationToken cancellationToken)
    {
        await using var context = await store.OpenAsync(cancellationToken);
        var expectedSequence = 1L;
        var previousHash = AuditChain.Genesis;
        var own = 0L;
        string? ownHead = null;
        while (true)
        {
            var after = expectedSequence - 1;
            var entries = await context.Audit.AsNoTracking().Where(a => a.Sequence > after).OrderBy(a => a.Sequence).Take(Page).ToListAsync(cancellationToken);
            if (entries.Count == 0)
            {
                return new AuditVerification(true, own, null, null, ownHead);
            }

            foreach (var entry in entries)
            {
                var defect = entry.Sequence != expectedSequence ? $"entry {expectedSequence} is missing (next present is {entry.Sequence})"
                    : entry.PreviousHash != previousHash ? $"entry {entry.Sequence} does not link to entry {entry.Sequence - 1} (previous hash differs)"
                    : AuditChain.Compute(entry) != entry.EntryHash ? $"entry {entry.Sequence} was altered (its content no longer matches its hash)"
                    : null;
                if (defect is not null)
                {
                    return (tenant is null || entry.Tenant == tenant) && entry.Sequence == expectedSequence
                        ? new AuditVerification(false, own, entry.Sequence, defect, null)
                        : new AuditVerification(false, own, null, "the chain is broken at an entry that is not yours (another tenant's, or a missing one): what follows it cannot be trusted until an operator has looked", null);
                }

                if (tenant is null || entry.Tenant == tenant)
                {
                    own++;
                    ownHead = entry.EntryHash;
                }

                previousHash = entry.EntryHash;
                expectedSequence++;
            }
        }
    }
}
