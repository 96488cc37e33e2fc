using System.Text;
using System.Text.Json;

namespace MpcWallet.EndToEndTests.Hostile;

/// <summary>A response read off the wire: status, headers (names lowercased; repeats joined with a comma) and the decoded body.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? MediaType => Headers.TryGetValue("content-type", out var value) ? value.Split(';')[0].Trim() : null;

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>Why this is not an RFC 7807 problem document for its own status, or null when it is one.</summary>
    public string? ProblemDefect()
    {
        if (MediaType != "application/problem+json")
        {
            return $"content type {MediaType ?? "(none)"}, not application/problem+json";
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "the problem is not a JSON object";
            }

            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String)
            {
                return "the problem lacks type or title";
            }

            if (!root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || status.GetInt32() != Status)
            {
                return $"the problem's status is not {Status}";
            }

            return Text.Contains("   at ", StringComparison.Ordinal) ? "the problem carries a stack trace" : null;
        }
        catch (JsonException e)
        {
            return "the problem is not JSON: " + e.Message;
        }
    }
}
