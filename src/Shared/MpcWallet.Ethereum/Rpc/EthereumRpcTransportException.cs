namespace MpcWallet.Ethereum.Rpc;

/// <summary>
/// No definite answer from the node after all retries (connection failure, timeout, HTTP error status). For
/// eth_sendRawTransaction this is ambiguous: the transaction may or may not have reached the node — look it up by
/// its locally computed hash before deciding anything.
/// </summary>
public sealed class EthereumRpcTransportException : Exception
{
    public EthereumRpcTransportException(string message)
        : base(message)
    {
    }

    public EthereumRpcTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EthereumRpcTransportException()
    {
    }
}
