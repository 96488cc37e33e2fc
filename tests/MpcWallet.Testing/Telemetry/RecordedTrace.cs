using System.Text;

namespace MpcWallet.Testing.Telemetry;

/// <summary>The spans of one trace id, with the checks the telemetry tests make: connected (one root, every other span's parent present) and which hops it covers.</summary>
public sealed class RecordedTrace(string traceId, IReadOnlyList<RecordedSpan> spans)
{
    public string TraceId { get; } = traceId;

    public IReadOnlyList<RecordedSpan> Spans { get; } = spans;

    public static RecordedTrace Of(IEnumerable<RecordedSpan> all, string traceId) => new(traceId, [.. all.Where(s => s.TraceId == traceId)]);

    /// <summary>Spans whose parent is not in the trace (a connected trace has exactly one: its root).</summary>
    public IReadOnlyList<RecordedSpan> Roots
    {
        get
        {
            var ids = Spans.Select(s => s.SpanId).ToHashSet();
            return [.. Spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId))];
        }
    }

    /// <summary>The hops (name → test) no span of the trace matches.</summary>
    public IReadOnlyList<string> Missing(IEnumerable<TraceHop> hops) => [.. hops.Where(h => !h.IsCovered(Spans)).Select(h => h.Name)];

    /// <summary>The trace as an indented tree, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"trace {TraceId}: {Spans.Count} spans, {Roots.Count} root(s)\n");
        var children = Spans.Where(s => s.ParentSpanId is not null).ToLookup(s => s.ParentSpanId!);
        void Write(RecordedSpan span, int depth)
        {
            text.Append(' ', depth * 2).Append(span).Append('\n');
            foreach (var child in children[span.SpanId])
            {
                Write(child, depth + 1);
            }
        }

        foreach (var root in Roots)
        {
            Write(root, 0);
        }

        return text.ToString();
    }
}
