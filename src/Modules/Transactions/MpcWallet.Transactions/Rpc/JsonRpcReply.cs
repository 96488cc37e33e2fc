using System.Text.Json;

namespace MpcWallet.Transactions.Rpc;

/// <summary>One JSON-RPC 2.0 response: the request's id (raw JSON, "null" when it could not be read) and a result or an error.</summary>
internal sealed record JsonRpcReply(string Id, JsonElement? Result, JsonRpcError? Error)
{
    public static JsonRpcReply Failure(string? id, JsonRpcError error) => new(id ?? "null", null, error);

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("id");
        writer.WriteRawValue(Id, skipInputValidation: false);
        if (Error is { } error)
        {
            writer.WriteStartObject("error");
            writer.WriteNumber("code", error.Code);
            writer.WriteString("message", error.Message);
            if (error.Data is { } data)
            {
                writer.WritePropertyName("data");
                data.WriteTo(writer);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WritePropertyName("result");
            if (Result is { } result)
            {
                result.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndObject();
    }
}
