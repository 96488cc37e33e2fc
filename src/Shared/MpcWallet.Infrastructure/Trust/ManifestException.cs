namespace MpcWallet.Infrastructure.Trust;

/// <summary>A cluster manifest that is malformed, not signed by the trusted operator key, or inconsistent.</summary>
public sealed class ManifestException : Exception
{
    public ManifestException()
    {
    }

    public ManifestException(string message)
        : base(message)
    {
    }

    public ManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
