using System.Text.Json;

namespace MpcWallet.Transactions.Rpc;

/// <summary>What a method answered: a result (JSON, possibly null) or an error.</summary>
internal sealed record RpcOutcome(JsonElement? Result, JsonRpcError? Error)
{
    public static RpcOutcome Ok<T>(T value) => new(JsonSerializer.SerializeToElement(value, JsonSerializerOptions.Web), null);

    public static RpcOutcome Raw(JsonElement value) => new(value, null);

    public static RpcOutcome Fail(JsonRpcError error) => new(null, error);
}
