using System.Diagnostics;
using OpenTelemetry;

namespace MpcWallet.Infrastructure.Telemetry;

/// <summary>
/// Cuts outgoing HTTP spans' <c>url.full</c> down to scheme, host and port: a chain's JSON-RPC URL often carries the
/// provider's API key in its path (<c>…/v3/&lt;key&gt;</c>), which must not end up in a trace backend.
/// </summary>
internal sealed class HttpClientUrlRedaction : BaseProcessor<Activity>
{
    private const string UrlFull = "url.full";

    public override void OnEnd(Activity data)
    {
        if (data.Kind == ActivityKind.Client && data.GetTagItem(UrlFull) is string url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            data.SetTag(UrlFull, uri.GetLeftPart(UriPartial.Authority));
        }
    }
}
