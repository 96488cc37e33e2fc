namespace MpcWallet.Infrastructure.Persistence;

/// <summary>
/// Strictly increasing numbers for creation order: UTC ticks, or one more than the last number when the clock has
/// not moved on (or went back), so they keep increasing across restarts once seeded with the store's highest.
/// </summary>
public sealed class SequenceClock
{
    private long _last;

    public long Next()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = Math.Max(last + 1, DateTime.UtcNow.Ticks);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>Never hands out <paramref name="highest"/> or anything below it (the store's highest sequence).</summary>
    public void AtLeast(long highest)
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            if (last >= highest || Interlocked.CompareExchange(ref _last, highest, last) == last)
            {
                return;
            }
        }
    }
}
