using System.Diagnostics;
using System.Text.Json;
using OpenTelemetry;

namespace MpcWallet.Infrastructure.Telemetry;

/// <summary>
/// Writes finished spans as JSON lines (trace id, span id, parent span id, name, kind, source, start, duration,
/// status, attributes) to one file per process. For looking at traces without a collector, and for tests that run
/// the host as separate processes.
/// </summary>
internal sealed class SpanFileExporter : BaseExporter<Activity>
{
    private readonly StreamWriter _writer;

    public SpanFileExporter(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"spans-{Environment.ProcessId}.jsonl");
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = false };
    }

    public override ExportResult Export(in Batch<Activity> batch)
    {
        lock (_writer)
        {
            foreach (var span in batch)
            {
                _writer.WriteLine(JsonSerializer.Serialize(new
                {
                    traceId = span.TraceId.ToHexString(),
                    spanId = span.SpanId.ToHexString(),
                    parentSpanId = span.ParentSpanId == default ? null : span.ParentSpanId.ToHexString(),
                    name = span.DisplayName,
                    kind = span.Kind.ToString(),
                    source = span.Source.Name,
                    start = span.StartTimeUtc,
                    durationMs = span.Duration.TotalMilliseconds,
                    status = span.Status.ToString(),
                    attributes = span.TagObjects.ToDictionary(t => t.Key, t => t.Value?.ToString()),
                    links = span.Links.Select(l => new { traceId = l.Context.TraceId.ToHexString(), spanId = l.Context.SpanId.ToHexString() }),
                }));
            }

            _writer.Flush();
        }

        return ExportResult.Success;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_writer)
            {
                _writer.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
