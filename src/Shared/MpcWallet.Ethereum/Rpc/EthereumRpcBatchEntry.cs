using System.Text.Json;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>One call's outcome inside an <see cref="EthereumRpcBatch"/>, available after the batch ran.</summary>
public sealed class EthereumRpcBatchEntry<T> : IEthereumRpcBatchEntry
{
    private readonly EthereumRpcCall<T> _call;
    private T? _value;
    private Exception? _error;
    private bool _completed;

    internal EthereumRpcBatchEntry(EthereumRpcCall<T> call) => _call = call;

    public bool IsCompleted => _completed;

    /// <summary>The error for this call (an EthereumRpcException subtype or EthereumRpcResponseException), or null.</summary>
    public Exception? Error => _error;

    /// <summary>The result; throws this call's error if it failed, or InvalidOperationException before the batch ran.</summary>
    public T Value
    {
        get
        {
            if (!_completed)
            {
                throw new InvalidOperationException("The batch has not been executed yet.");
            }

            if (_error is not null)
            {
                throw _error;
            }

            return _value!;
        }
    }

    void IEthereumRpcBatchEntry.WriteRequest(Utf8JsonWriter writer, long id) => _call.WriteRequest(writer, id);

    void IEthereumRpcBatchEntry.Complete(JsonElement response)
    {
        try
        {
            _value = EthereumRpcClient.ReadResult(response, _call);
        }
        catch (Exception e) when (e is EthereumRpcException or EthereumRpcResponseException)
        {
            _error = e;
        }

        _completed = true;
    }

    void IEthereumRpcBatchEntry.Fail(Exception error)
    {
        _error = error;
        _completed = true;
    }
}
