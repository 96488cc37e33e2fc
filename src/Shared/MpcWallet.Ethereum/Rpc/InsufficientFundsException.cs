namespace MpcWallet.Ethereum.Rpc;

/// <summary>The account cannot pay gas × price + value.</summary>
public sealed class InsufficientFundsException : EthereumRpcException
{
    public InsufficientFundsException(int code, string message, string? errorData)
        : base(code, message, errorData)
    {
    }

    public InsufficientFundsException()
    {
    }

    public InsufficientFundsException(string message)
        : base(message)
    {
    }

    public InsufficientFundsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
