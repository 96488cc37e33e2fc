using System.Diagnostics;
using System.Text.Json;

namespace MpcWallet.Testing.Telemetry;

/// <summary>A finished span as a test sees it, from an in-process exporter (<see cref="From(Activity)"/>) or a host's span file (<see cref="FromJsonLine"/>).</summary>
public sealed record RecordedSpan(string TraceId, string SpanId, string? ParentSpanId, string Name, ActivityKind Kind, string Source, IReadOnlyDictionary<string, string?> Attributes)
{
    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);

    public static RecordedSpan From(Activity activity) => new(
        activity.TraceId.ToHexString(),
        activity.SpanId.ToHexString(),
        activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
        activity.DisplayName,
        activity.Kind,
        activity.Source.Name,
        activity.TagObjects.GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value?.ToString()));

    /// <summary>One line of <c>Telemetry:SpanFile</c> output.</summary>
    public static RecordedSpan FromJsonLine(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return new(
            root.GetProperty("traceId").GetString()!,
            root.GetProperty("spanId").GetString()!,
            root.GetProperty("parentSpanId").GetString(),
            root.GetProperty("name").GetString()!,
            Enum.Parse<ActivityKind>(root.GetProperty("kind").GetString()!),
            root.GetProperty("source").GetString()!,
            root.GetProperty("attributes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()));
    }

    public override string ToString() =>
        $"{Kind} {Source} '{Name}' {string.Join(" ", Attributes.Where(a => a.Key.StartsWith("mpcwallet.", StringComparison.Ordinal) || a.Key.StartsWith("messaging.destination", StringComparison.Ordinal) || a.Key is "url.path" or "server.port" or "rpc.method" or "http.route").Select(a => $"{a.Key}={a.Value}"))}";
}
