using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// RFC 7240 <c>Prefer: wait=N</c>: how long the client is willing to wait for a final state, at most
/// <see cref="MaxSeconds"/>. A preference that is not understood (malformed, negative) is ignored, as RFC 7240 asks.
/// </summary>
public static class PreferWait
{
    public const string Header = "Prefer";
    public const int MaxSeconds = 30;

    public static TimeSpan Of(HttpRequest request)
    {
        foreach (var header in request.Headers[Header])
        {
            foreach (var preference in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = preference.Split(';', 2)[0].Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts[0].Equals("wait", StringComparison.OrdinalIgnoreCase)
                    && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                {
                    return TimeSpan.FromSeconds(Math.Min(seconds, MaxSeconds));
                }
            }
        }

        return TimeSpan.Zero;
    }
}
