namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// A Solidity ABI type, signature, value or encoding was invalid. Decoders throw only this for bad input, so callers
/// can treat it as "the bytes are not what the ABI says" without catching broader exception types.
/// </summary>
public sealed class AbiException : Exception
{
    public AbiException()
    {
    }

    public AbiException(string message)
        : base(message)
    {
    }

    public AbiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
