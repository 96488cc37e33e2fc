using System.Net;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>An HTTP status without a JSON-RPC answer that is worth retrying (408, 429, 500, 502, 503, 504).</summary>
internal sealed class TransientHttpStatusException(HttpStatusCode status)
    : Exception($"The node answered HTTP {(int)status} without a JSON-RPC body.")
{
    public HttpStatusCode Status { get; } = status;
}
