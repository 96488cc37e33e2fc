using Microsoft.EntityFrameworkCore;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Audit;

/// <summary>Re-computes every entry's hash and link, in pages, and reports the first place the chain breaks.</summary>
internal sealed class AuditVerifier(TransactionsStore store)
{
    private const int Page = 1000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var context = await store.OpenAsync(cancellationToken);
        var expectedSequence = 1L;
        var previousHash = AuditChain.Genesis;
        var checkedEntries = 0L;
        while (true)
        {
            var after = expectedSequence - 1;
            var entries = await context.Audit.AsNoTracking().Where(a => a.Sequence > after).OrderBy(a => a.Sequence).Take(Page).ToListAsync(cancellationToken);
            if (entries.Count == 0)
            {
                return new AuditVerification(true, checkedEntries, null, null, checkedEntries == 0 ? null : previousHash);
            }

            foreach (var entry in entries)
            {
                if (entry.Sequence != expectedSequence)
                {
                    return Broken(checkedEntries, expectedSequence, $"entry {expectedSequence} is missing (next present is {entry.Sequence})");
                }

                if (entry.PreviousHash != previousHash)
                {
                    return Broken(checkedEntries, entry.Sequence, $"entry {entry.Sequence} does not link to entry {entry.Sequence - 1} (previous hash differs)");
                }

                if (AuditChain.Compute(entry) != entry.EntryHash)
                {
                    return Broken(checkedEntries, entry.Sequence, $"entry {entry.Sequence} was altered (its content no longer matches its hash)");
                }

                previousHash = entry.EntryHash;
                expectedSequence++;
                checkedEntries++;
            }
        }
    }

    private static AuditVerification Broken(long checkedEntries, long at, string reason) => new(false, checkedEntries, at, reason, null);
}
