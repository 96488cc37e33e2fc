namespace MpcWallet.Ethereum.Rpc;

/// <summary>A transaction with the same nonce is pending and this one does not pay enough more to replace it.</summary>
public sealed class ReplacementUnderpricedException : EthereumRpcException
{
    public ReplacementUnderpricedException(int code, string message, string? errorData)
        : base(code, message, errorData)
    {
    }

    public ReplacementUnderpricedException()
    {
    }

    public ReplacementUnderpricedException(string message)
        : base(message)
    {
    }

    public ReplacementUnderpricedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
