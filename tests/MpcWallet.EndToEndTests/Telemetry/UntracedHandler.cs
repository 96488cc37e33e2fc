using OpenTelemetry;

namespace MpcWallet.EndToEndTests.Telemetry;

/// <summary>
/// The test process hosts the service and is its client: without this, the host's HttpClient instrumentation would
/// also trace the test's own requests and hand each one an unsampled parent (a root client span is not sampled), so
/// the REST request would follow that parent and record nothing. An outside client has no such parent.
/// </summary>
internal sealed class UntracedHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (SuppressInstrumentationScope.Begin())
        {
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
