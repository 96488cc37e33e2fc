namespace MpcWallet.Ethereum.Rpc;

/// <summary>
/// The node answered with a JSON-RPC error object: a definite answer, never retried. Subclasses name the errors a
/// transaction sender must tell apart; anything else arrives as this base type with the node's code and message.
/// </summary>
public class EthereumRpcException : Exception
{
    public EthereumRpcException(int code, string message, string? errorData)
        : base(message)
    {
        Code = code;
        ErrorData = errorData;
    }

    public EthereumRpcException()
        : this(0, "JSON-RPC error", null)
    {
    }

    public EthereumRpcException(string message)
        : this(0, message, null)
    {
    }

    public EthereumRpcException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The JSON-RPC error code (e.g. -32000, -32003, 3 for execution reverted).</summary>
    public int Code { get; }

    /// <summary>The error object's <c>data</c> member as raw JSON text, if any (named so to avoid Exception.Data).</summary>
    public string? ErrorData { get; }
}
