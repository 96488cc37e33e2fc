using System.Text.Json;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>The non-generic view the client uses to write and complete batch entries.</summary>
internal interface IEthereumRpcBatchEntry
{
    void WriteRequest(Utf8JsonWriter writer, long id);

    void Complete(JsonElement response);

    void Fail(Exception error);
}
