namespace MpcWallet.Mpc.Ot;

/// <summary>
/// Splits an index range into one contiguous chunk per core and runs them in parallel. The OT layer's per-row and
/// per-OT work is independent and CPU-bound; randomness is always drawn on the calling thread beforehand, so the
/// result does not depend on scheduling.
/// </summary>
internal static class ParallelRanges
{
    /// <summary>Below this many items the thread hand-off costs more than it saves.</summary>
    private const int MinimumPerChunk = 32;

    public static void For(int count, Action<int, int> body)
    {
        var chunks = Math.Clamp(count / MinimumPerChunk, 1, Environment.ProcessorCount);
        if (chunks == 1)
        {
            body(0, count);
            return;
        }

        Parallel.For(0, chunks, chunk => body(chunk * count / chunks, (chunk + 1) * count / chunks));
    }
}
