namespace MpcWallet.Ethereum.Signatures;

/// <summary>A signature that cannot be used: out-of-range values, bad recovery id, or no recoverable public key.</summary>
public sealed class SignatureException : Exception
{
    public SignatureException(string message)
        : base(message)
    {
    }

    public SignatureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SignatureException()
    {
    }
}
