namespace MpcWallet.Ethereum.Rpc;

/// <summary>The node's answer broke the JSON-RPC or Ethereum conventions (bad JSON, wrong id, a malformed quantity, a hash that is not ours).</summary>
public sealed class EthereumRpcResponseException : Exception
{
    public EthereumRpcResponseException(string message)
        : base(message)
    {
    }

    public EthereumRpcResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EthereumRpcResponseException()
    {
    }
}
