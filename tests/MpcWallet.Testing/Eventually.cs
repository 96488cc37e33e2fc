using System.Diagnostics;
using System.Globalization;

namespace MpcWallet.Testing;

/// <summary>
/// The one way tests wait for an asynchronous outcome: a probe is sampled until it holds (first after 10 ms, backing
/// off to 250 ms between samples), never a guessed sleep. When it does not hold in time the wait fails with what it
/// waited for and the last thing it saw. The timeout only guards against hangs; it is not a timing assertion, so
/// make it generous (the whole suite shares two cores).
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestInterval = TimeSpan.FromMilliseconds(250);

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, () => what);

    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        TrueAsync(condition, timeout, () => what);

    /// <param name="what">What is awaited, read only on failure (so it can describe the last sample or carry log tails).</param>
    /// <remarks>An exception from <paramref name="condition"/> ends the wait at once: throw one for an outcome that can no longer change.</remarks>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var interval = FirstInterval;
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {Seconds(timeout)} waiting until {what()}.");
            }

            await Task.Delay(interval, cancellationToken);
            interval = interval * 2 < LongestInterval ? interval * 2 : LongestInterval;
        }
    }

    /// <summary>
    /// Samples <paramref name="probe"/> until <paramref name="accept"/> holds for its value and returns that value; on
    /// failure the message shows the last value (through <paramref name="describe"/> when given).
    /// </summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, TimeSpan timeout, string what, Func<T, string>? describe = null)
    {
        var last = default(T);
        var sampled = false;
        await TrueAsync(
            async () =>
            {
                last = await probe();
                sampled = true;
                return accept(last);
            },
            timeout,
            () => $"{what} (last seen: {(sampled ? describe?.Invoke(last!) ?? last?.ToString() : "nothing")})");
        return last!;
    }

    /// <summary>
    /// The opposite wait, for "nothing more happens": <paramref name="condition"/> is sampled for the whole
    /// <paramref name="period"/> and the wait fails as soon as it is false.
    /// </summary>
    public static async Task RemainsTrueAsync(Func<bool> condition, TimeSpan period, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (!condition())
            {
                throw new InvalidOperationException($"Stopped being true after {Seconds(clock.Elapsed)}: {what}.");
            }

            if (clock.Elapsed > period)
            {
                return;
            }

            await Task.Delay(LongestInterval / 5);
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
