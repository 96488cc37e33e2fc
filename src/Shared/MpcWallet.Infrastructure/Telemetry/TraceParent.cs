using System.Diagnostics;

namespace MpcWallet.Infrastructure.Telemetry;

/// <summary>
/// The W3C <c>traceparent</c> of the current span, stored with work that a background loop picks up later (a
/// request row, an outbox row), and restored as the parent of the span that runs it: the work stays in the trace of
/// the request that caused it, also after a restart or on another process sharing the store.
/// </summary>
public static class TraceParent
{
    /// <summary>The current span's traceparent (<c>00-trace-span-flags</c>), or null outside a span.</summary>
    public static string? Current() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts a span of <paramref name="source"/> under the stored <paramref name="traceParent"/>; without one (or an
    /// unreadable one: rows written before traces were stored) the span starts its own trace. Null when nobody listens.
    /// </summary>
    public static Activity? StartUnder(ActivitySource source, string name, ActivityKind kind, string? traceParent, IEnumerable<KeyValuePair<string, object?>>? tags = null)
    {
        // The stored parent wins over whatever span happens to be current on the background loop.
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            return traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent)
                ? source.StartActivity(name, kind, parent, tags)
                : source.StartActivity(name, kind, default(ActivityContext), tags);
        }
        finally
        {
            if (Activity.Current is null)
            {
                Activity.Current = previous;
            }
        }
    }
}
