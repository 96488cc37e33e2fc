using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// Serves <c>Prefer: wait</c>: reloads a resource until it reaches a final state or the wait runs out, woken by the
/// module's final-state <see cref="CommitSignal"/> when this process commits one, and polling the store as a fallback
/// for work finished by another process.
/// </summary>
public static class FinalStateWaiter
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> WaitAsync<T>(CommitSignal signal, Func<CancellationToken, Task<T>> load, Func<T, bool> isFinal, TimeSpan wait, CancellationToken cancellationToken)
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
