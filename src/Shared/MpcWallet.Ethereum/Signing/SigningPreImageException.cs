namespace MpcWallet.Ethereum.Signing;

/// <summary>The only exception <see cref="SigningPreImage"/> throws for a malformed pre-image.</summary>
public sealed class SigningPreImageException : Exception
{
    public SigningPreImageException(string message)
        : base(message)
    {
    }

    public SigningPreImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SigningPreImageException()
    {
    }
}
