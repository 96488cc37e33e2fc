namespace MpcWallet.Ethereum.Rpc;

/// <summary>The gas limit is below the transaction's intrinsic gas.</summary>
public sealed class IntrinsicGasTooLowException : EthereumRpcException
{
    public IntrinsicGasTooLowException(int code, string message, string? errorData)
        : base(code, message, errorData)
    {
    }

    public IntrinsicGasTooLowException()
    {
    }

    public IntrinsicGasTooLowException(string message)
        : base(message)
    {
    }

    public IntrinsicGasTooLowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
