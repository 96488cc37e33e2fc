using System.Globalization;

namespace MpcWallet.Client.Http;

/// <summary>The <c>?limit=&amp;cursor=</c> query of a list request.</summary>
internal static class PageQuery
{
    public static string Of(PageRequest? page)
    {
        var parts = new List<string>();
        if (page?.Limit is { } limit)
        {
            parts.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        }

        if (page?.Cursor is { Length: > 0 } cursor)
        {
            parts.Add("cursor=" + Uri.EscapeDataString(cursor));
        }

        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
