using Microsoft.AspNetCore.Http;

namespace MpcWallet.Coordinator.Api;

/// <summary>RFC 7240 <c>Prefer: wait=N</c>, capped at 30 seconds.</summary>
internal static class PreferWait
{
    public const int MaxSeconds = 30;

    public static TimeSpan Of(HttpRequest request)
    {
        foreach (var header in request.Headers["Prefer"])
        {
            foreach (var preference in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = preference.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts[0].Equals("wait", StringComparison.OrdinalIgnoreCase) && int.TryParse(parts[1], out var seconds) && seconds > 0)
                {
                    return TimeSpan.FromSeconds(Math.Min(seconds, MaxSeconds));
                }
            }
        }

        return TimeSpan.Zero;
    }
}
