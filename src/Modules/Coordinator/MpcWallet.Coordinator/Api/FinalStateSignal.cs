namespace MpcWallet.Coordinator.Api;

/// <summary>
/// A pulse raised after this process commits a wallet or signature final state, so <c>Prefer: wait</c> requests answer
/// at once instead of on their next poll. Waiters take <see cref="Next"/> before loading, so no pulse falls between the
/// load and the wait; state committed by another coordinator replica is still found by the poll.
/// </summary>
internal sealed class FinalStateSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
