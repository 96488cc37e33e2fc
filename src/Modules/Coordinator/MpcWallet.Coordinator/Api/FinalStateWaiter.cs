namespace MpcWallet.Coordinator.Api;

/// <summary>Polls a resource until it reaches a final state or the client's <c>Prefer: wait</c> runs out.</summary>
internal static class FinalStateWaiter
{
    public static async Task<T> WaitAsync<T>(Func<CancellationToken, Task<T>> load, Func<T, bool> isFinal, TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + wait;
        var current = await load(cancellationToken);
        while (!isFinal(current) && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(50, cancellationToken);
            current = await load(cancellationToken);
        }

        return current;
    }
}
