namespace MpcWallet.Ethereum.Rpc;

/// <summary>The transaction's maxFeePerGas is below the base fee of the block it would go into (Anvil's pool refuses it so; geth's and Erigon's wording).</summary>
public sealed class FeeCapTooLowException : EthereumRpcException
{
    public FeeCapTooLowException(int code, string message, string? errorData)
        : base(code, message, errorData)
    {
    }

    public FeeCapTooLowException()
    {
    }

    public FeeCapTooLowException(string message)
        : base(message)
    {
    }

    public FeeCapTooLowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
