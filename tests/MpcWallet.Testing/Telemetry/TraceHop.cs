namespace MpcWallet.Testing.Telemetry;

/// <summary>One hop a request's trace must contain, e.g. "gRPC server span on a node", as a test over the trace's spans.</summary>
public sealed record TraceHop(string Name, Func<IReadOnlyList<RecordedSpan>, bool> IsCovered)
{
    /// <summary>Covered when any span matches.</summary>
    public static TraceHop Any(string name, Func<RecordedSpan, bool> matches) => new(name, spans => spans.Any(matches));
}
