namespace MpcWallet.Client.Http;

/// <summary>Reads a resource until it satisfies a condition or the time is up.</summary>
internal static class Polling
{
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, bool> done, TimeSpan timeout, TimeSpan interval, string what, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var current = await read(cancellationToken).ConfigureAwait(false);
            if (done(current))
            {
                return current;
            }

            if (DateTimeOffset.UtcNow >= until)
            {
                throw new TimeoutException($"{what} did not reach the awaited state within {timeout.TotalSeconds:0.#} s; last seen: {current}");
            }

            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }
}
