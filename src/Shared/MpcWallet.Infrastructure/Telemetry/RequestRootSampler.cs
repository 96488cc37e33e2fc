using System.Diagnostics;
using OpenTelemetry.Trace;

namespace MpcWallet.Infrastructure.Telemetry;

/// <summary>
/// A trace starts only at a request (a server span) or at one of the service's own spans for stored work (kind
/// internal: a run, an outbox publish, a receipt); a span with a parent follows its parent's decision. Background
/// chatter that has no request behind it — heartbeats and node-state hints on the broker, the chain poller's reads,
/// a node's own expiry reports — starts no trace, so an exporter gets the traces of requests, not thousands of
/// one-span traces a minute. (Used as the root sampler of a <see cref="ParentBasedSampler"/>.)
/// </summary>
internal sealed class RequestRootSampler : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(samplingParameters.Kind is ActivityKind.Server or ActivityKind.Internal ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
}
