using System.Text.Json;

namespace MpcWallet.Transactions.Rpc;

/// <summary>
/// A JSON-RPC 2.0 error object. The codes are JSON-RPC's (-32700 … -32603) and EIP-1474's (-32000 … -32006); 3 is
/// the one geth, cast and ethers use for "execution reverted" with the revert data as <see cref="Data"/>.
/// </summary>
internal sealed record JsonRpcError(int Code, string Message, JsonElement? Data = null)
{
    public static JsonRpcError ParseError(string detail) => new(-32700, "Parse error: " + detail);

    public static JsonRpcError InvalidRequest(string detail) => new(-32600, "Invalid request: " + detail);

    public static JsonRpcError MethodNotFound(string method) => new(-32601, $"Method not found: {JsonRpcEnvelope.Shorten(method)} is not served by this endpoint");

    public static JsonRpcError InvalidParams(string detail, object? data = null) => new(-32602, "Invalid params: " + detail, Element(data));

    public static JsonRpcError InvalidInput(string detail, object? data = null) => new(-32000, detail, Element(data));

    public static JsonRpcError ResourceUnavailable(string detail, object? data = null) => new(-32002, detail, Element(data));

    public static JsonRpcError TransactionRejected(string detail, object? data = null) => new(-32003, detail, Element(data));

    public static JsonRpcError MethodNotSupported(string detail) => new(-32004, detail);

    public static JsonRpcError LimitExceeded(string detail) => new(-32005, detail);

    public static JsonRpcError Internal(string detail) => new(-32603, "Internal error: " + detail);

    public static JsonRpcError ExecutionReverted(string reason, string? revertData) =>
        new(3, "execution reverted" + (string.IsNullOrEmpty(reason) ? "" : ": " + reason), revertData is null ? null : Element(revertData));

    private static JsonElement? Element(object? data) => data is null ? null : JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web);
}
