using System.Text.Json;
using System.Text.Json.Nodes;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>
/// One JSON-RPC method call and how to read its result. The client's typed methods are built from these (see
/// <see cref="EthereumRpcCalls"/>), and the same objects go into a batch.
/// </summary>
public sealed class EthereumRpcCall<T>
{
    private readonly JsonNode?[] _parameters;
    private readonly Func<JsonElement, T> _parseResult;

    /// <param name="method">The JSON-RPC method name.</param>
    /// <param name="parameters">The positional parameters (JSON nodes; they are deep-cloned).</param>
    /// <param name="parseResult">Reads the <c>result</c> member (which may be JSON null); throw EthereumRpcResponseException when it is malformed.</param>
    public EthereumRpcCall(string method, IEnumerable<JsonNode?> parameters, Func<JsonElement, T> parseResult)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(parseResult);
        Method = method;
        _parameters = parameters.Select(node => node?.DeepClone()).ToArray();
        _parseResult = parseResult;
    }

    public string Method { get; }

    internal void WriteRequest(Utf8JsonWriter writer, long id)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteNumber("id", id);
        writer.WriteString("method", Method);
        writer.WriteStartArray("params");
        foreach (var parameter in _parameters)
        {
            if (parameter is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                parameter.WriteTo(writer);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal T ParseResult(JsonElement result)
    {
        try
        {
            return _parseResult(result);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new EthereumRpcResponseException($"{Method}: malformed result: {e.Message}", e);
        }
    }
}
