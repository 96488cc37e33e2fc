namespace MpcWallet.Coordinator.Api;

/// <summary>
/// Reloads a resource until it reaches a final state or the client's <c>Prefer: wait</c> runs out: woken by the
/// <see cref="FinalStateSignal"/> of this process, and polling as a fallback for work finished elsewhere.
/// </summary>
internal static class FinalStateWaiter
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> WaitAsync<T>(FinalStateSignal signal, Func<CancellationToken, Task<T>> load, Func<T, bool> isFinal, TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + wait;
        var changed = signal.Next;
        var current = await load(cancellationToken);
        while (!isFinal(current) && DateTimeOffset.UtcNow < until)
        {
            await Task.WhenAny(changed, Task.Delay(PollInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            changed = signal.Next;
            current = await load(cancellationToken);
        }

        return current;
    }
}
