namespace MpcWallet.Mpc.Derivation;

/// <summary>A derivation path text is malformed or asks for something a threshold key cannot derive (hardened steps).</summary>
public sealed class InvalidDerivationPathException : FormatException
{
    public InvalidDerivationPathException(string message)
        : base(message)
    {
    }

    public InvalidDerivationPathException()
        : base("invalid derivation path")
    {
    }

    public InvalidDerivationPathException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
