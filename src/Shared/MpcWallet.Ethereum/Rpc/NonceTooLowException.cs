namespace MpcWallet.Ethereum.Rpc;

/// <summary>The nonce is below the account's next nonce (already used — possibly by our own mined transaction; check receipts of every hash sent at that nonce).</summary>
public sealed class NonceTooLowException : EthereumRpcException
{
    public NonceTooLowException(int code, string message, string? errorData)
        : base(code, message, errorData)
    {
    }

    public NonceTooLowException()
    {
    }

    public NonceTooLowException(string message)
        : base(message)
    {
    }

    public NonceTooLowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
