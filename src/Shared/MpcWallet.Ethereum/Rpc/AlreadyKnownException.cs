namespace MpcWallet.Ethereum.Rpc;

/// <summary>The node already has this exact transaction (same hash) in its pool: the send has, in effect, succeeded.</summary>
public sealed class AlreadyKnownException : EthereumRpcException
{
    public AlreadyKnownException(int code, string message, string? errorData)
        : base(code, message, errorData)
    {
    }

    public AlreadyKnownException()
    {
    }

    public AlreadyKnownException(string message)
        : base(message)
    {
    }

    public AlreadyKnownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
