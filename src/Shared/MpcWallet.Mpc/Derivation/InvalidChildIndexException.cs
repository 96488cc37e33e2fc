namespace MpcWallet.Mpc.Derivation;

/// <summary>
/// A path step hit one of BIP32's invalid children (IL ≥ q or a child key at infinity, probability ~2^-127).
/// BIP32 says to skip to the next index; we reject instead so that the caller, not the library, chooses the path.
/// </summary>
public sealed class InvalidChildIndexException : Exception
{
    public InvalidChildIndexException(uint index, int depth)
        : base($"invalid child index {index} at path position {depth}")
    {
        Index = index;
        Depth = depth;
    }

    public InvalidChildIndexException()
        : base("invalid child index")
    {
    }

    public InvalidChildIndexException(string message)
        : base(message)
    {
    }

    public InvalidChildIndexException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public uint Index { get; }

    /// <summary>0-based position of the offending step in the path.</summary>
    public int Depth { get; }
}
