namespace MpcWallet.Mpc;

/// <summary>
/// The only exception that decoding untrusted bytes may throw: truncated, oversized, non-canonical or
/// out-of-range input. Callers treat it as a malformed message from its sender.
/// </summary>
public sealed class MpcDecodeException : Exception
{
    public MpcDecodeException(string message)
        : base(message)
    {
    }

    public MpcDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MpcDecodeException()
        : base("malformed input")
    {
    }
}
