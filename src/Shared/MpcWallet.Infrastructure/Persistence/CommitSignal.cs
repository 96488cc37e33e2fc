namespace MpcWallet.Infrastructure.Persistence;

/// <summary>
/// A pulse raised after this process commits something others wait for (outbox rows to publish, a resource reaching
/// its final state), so they wake at once instead of on their next poll. A waiter takes <see cref="Next"/> before it
/// looks at the store, so no pulse falls between the look and the wait; what another process commits is found by the
/// waiter's own poll.
/// </summary>
public sealed class CommitSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
