namespace MpcWallet.Transactions.Tests.Support;

/// <summary>Polls a condition until it holds (a deadline guards against hangs; it is not a timing assertion).</summary>
internal static class Eventually
{
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) => TrueAsync(condition, timeout, () => what);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"timed out waiting until {what()}");
            }

            await Task.Delay(50);
        }
    }
}
