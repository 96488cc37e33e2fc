using System.Text.Json;

namespace MpcWallet.Transactions.Rpc;

/// <summary>
/// Reads one member of a JSON-RPC 2.0 call strictly: an object with <c>jsonrpc</c> exactly <c>"2.0"</c>, a string
/// <c>method</c>, <c>params</c> an array or object (or absent), an <c>id</c> that is a string, number or null (or
/// absent: a notification), and nothing else. Anything else is -32600 Invalid Request, answered with the id when it
/// could be read and null otherwise.
/// </summary>
internal static class JsonRpcEnvelope
{
    private const int MaxIdLength = 256;
    private static readonly HashSet<string> Members = ["jsonrpc", "method", "params", "id"];

    public static (JsonRpcRequest? Request, string? Id, JsonRpcError? Error) Read(JsonElement call)
    {
        if (call.ValueKind != JsonValueKind.Object)
        {
            return (null, null, JsonRpcError.InvalidRequest("a request must be a JSON object"));
        }

        string? id = null;
        if (call.TryGetProperty("id", out var idElement))
        {
            if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null) || idElement.GetRawText().Length > MaxIdLength)
            {
                return (null, null, JsonRpcError.InvalidRequest($"id must be a string, a number or null (at most {MaxIdLength} characters)"));
            }

            id = idElement.GetRawText();
        }

        // A request we cannot read is answered even when it looks like a notification (the sender must learn of it).
        var answerId = id ?? "null";
        foreach (var member in call.EnumerateObject())
        {
            if (!Members.Contains(member.Name))
            {
                return (null, answerId, JsonRpcError.InvalidRequest($"unknown member {Shorten(member.Name)}"));
            }
        }

        if (!call.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            return (null, answerId, JsonRpcError.InvalidRequest("jsonrpc must be \"2.0\""));
        }

        if (!call.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String || methodElement.GetString() is not { Length: > 0 } method)
        {
            return (null, answerId, JsonRpcError.InvalidRequest("method must be a non-empty string"));
        }

        var parameters = JsonSerializer.SerializeToElement(Array.Empty<object>());
        var byName = false;
        if (call.TryGetProperty("params", out var given))
        {
            if (given.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
            {
                return (null, answerId, JsonRpcError.InvalidRequest("params must be an array or an object"));
            }

            parameters = given;
            byName = given.ValueKind == JsonValueKind.Object;
        }

        return (new JsonRpcRequest(id, method, parameters, byName), id, null);
    }

    /// <summary>A caller-supplied name in a message, cut short (the message echoes it back).</summary>
    public static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
