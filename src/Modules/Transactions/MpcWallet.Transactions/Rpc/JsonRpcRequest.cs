using System.Text.Json;

namespace MpcWallet.Transactions.Rpc;

/// <summary>
/// One well-formed JSON-RPC 2.0 request. <see cref="Id"/> is the id exactly as sent (raw JSON: a string, a number
/// or null), echoed verbatim; a request without an id member is a notification and gets no answer.
/// <see cref="Params"/> is the positional parameter array (empty when absent).
/// </summary>
internal sealed record JsonRpcRequest(string? Id, string Method, JsonElement Params, bool ByName)
{
    public bool IsNotification => Id is null;

    public int Count => ByName ? 0 : Params.GetArrayLength();

    /// <summary>The parameter at <paramref name="index"/>; null when absent or JSON null.</summary>
    public JsonElement? Param(int index) =>
        !ByName && index < Params.GetArrayLength() && Params[index] is { ValueKind: not JsonValueKind.Null } value ? value : null;
}
