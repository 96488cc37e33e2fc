namespace MpcWallet.Infrastructure.Telemetry;

/// <summary>
/// <c>Telemetry</c>: where traces, metrics and logs go. Nothing leaves the process unless an endpoint or a span file is
/// configured; spans are still made (so logs carry trace and span ids, and trace context travels to other processes).
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "mpcwallet";

    /// <summary><c>Telemetry:Otlp</c>: export over OTLP.</summary>
    public OtlpOptions Otlp { get; set; } = new();

    /// <summary>
    /// <c>Telemetry:SpanFile:Directory</c>: also write every finished span as a JSON line to
    /// <c>spans-&lt;process id&gt;.jsonl</c> in this directory (local troubleshooting without a collector; the split-deployment tests read it).
    /// </summary>
    public SpanFileOptions SpanFile { get; set; } = new();

    public sealed class OtlpOptions
    {
        /// <summary>The collector (<c>http://otel-collector:4317</c>); unset: no OTLP export.</summary>
        public Uri? Endpoint { get; set; }

        /// <summary><c>grpc</c> (port 4317) or <c>http/protobuf</c> (port 4318).</summary>
        public string Protocol { get; set; } = "grpc";
    }

    public sealed class SpanFileOptions
    {
        public string? Directory { get; set; }
    }
}
