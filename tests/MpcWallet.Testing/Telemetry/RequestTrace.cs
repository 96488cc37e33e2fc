using System.Diagnostics;

namespace MpcWallet.Testing.Telemetry;

/// <summary>
/// The check both telemetry tests make: the trace of the (last successful) REST <c>POST</c> to a path is one connected
/// trace rooted at that request — every other span's parent is in the trace — and it covers every hop.
/// </summary>
public static class RequestTrace
{
    /// <summary>True when it holds; <paramref name="why"/> says what is missing, with the trace as a tree.</summary>
    public static bool Holds(IReadOnlyList<RecordedSpan> spans, string path, IReadOnlyList<TraceHop> hops, out string why)
    {
        var request = spans.LastOrDefault(s => s.Kind == ActivityKind.Server && s["http.request.method"] == "POST" && s["url.path"] == path && s["http.response.status_code"] is "200" or "201" or "202");
        if (request is null)
        {
            why = $"no successful POST {path} among {spans.Count} spans";
            return false;
        }

        var trace = RecordedTrace.Of(spans, request.TraceId);
        var missing = trace.Missing(hops);
        var connected = trace.Roots is [{ } root] && root.SpanId == request.SpanId;
        why = $"the trace of POST {path} is {(connected ? "" : "not ")}one connected trace rooted at the request; missing hops: {(missing.Count == 0 ? "none" : string.Join(", ", missing))}\n{trace.Describe()}";
        return connected && missing.Count == 0;
    }
}
