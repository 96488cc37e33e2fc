using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MpcWallet.Infrastructure.Telemetry;

public static class TelemetryHostBuilderExtensions
{
    /// <summary>
    /// Traces (REST server, HttpClient incl. JSON-RPC, NodeControl gRPC client, MassTransit send/publish/receive, the
    /// modules' own spans: <see cref="ActivitySources"/>), always made so trace context travels and logs carry trace
    /// and span ids (<see cref="ActivityTrackingOptions"/>); exported only where <see cref="TelemetryOptions"/> says
    /// (OTLP traces, metrics and logs when <c>Telemetry:Otlp:Endpoint</c> is set). Nothing is sent anywhere by default.
    /// </summary>
    /// <param name="instance">The <c>service.instance.id</c> resource attribute (which modules and node ids this process runs).</param>
    public static IHostApplicationBuilder AddMpcWalletTelemetry(this IHostApplicationBuilder builder, string instance)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var otlp = options.Otlp.Endpoint;
        var protocol = string.Equals(options.Otlp.Protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName, serviceInstanceId: instance))
            .WithTracing(tracing =>
            {
                tracing.SetSampler(new ParentBasedSampler(new RequestRootSampler()))
                    .AddSource([.. ActivitySources.Names])
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddGrpcClientInstrumentation()
                    .AddProcessor(new HttpClientUrlRedaction());
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => Use(o, otlp, protocol, "/v1/traces"));
                }

                if (options.SpanFile.Directory is { Length: > 0 } directory)
                {
                    tracing.AddProcessor(new SimpleActivityExportProcessor(new SpanFileExporter(directory)));
                }
            });
        if (otlp is not null)
        {
            telemetry
                .WithMetrics(metrics => metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(ActivitySources.MassTransitName)
                    .AddOtlpExporter(o => Use(o, otlp, protocol, "/v1/metrics")))
                .WithLogging(logging => logging.AddOtlpExporter(o => Use(o, otlp, protocol, "/v1/logs")), o => o.IncludeScopes = true);
        }

        return builder;
    }

    // Health and metrics scrapes every few seconds would drown the traces that matter.
    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    private static void Use(OtlpExporterOptions exporter, Uri endpoint, OtlpExportProtocol protocol, string httpPath)
    {
        exporter.Protocol = protocol;
        // OTLP/HTTP wants the signal's path; gRPC the bare address.
        exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
            ? new Uri(endpoint, httpPath)
            : endpoint;
    }
}
