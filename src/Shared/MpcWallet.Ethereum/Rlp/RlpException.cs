namespace MpcWallet.Ethereum.Rlp;

/// <summary>The only exception the RLP decoder (and <see cref="RlpItem"/>'s typed readers) throw for bad input.</summary>
public sealed class RlpException : Exception
{
    public RlpException(string message)
        : base(message)
    {
    }

    public RlpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RlpException()
    {
    }
}
