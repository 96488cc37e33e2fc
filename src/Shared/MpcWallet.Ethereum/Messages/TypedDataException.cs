namespace MpcWallet.Ethereum.Messages;

/// <summary>Malformed EIP-712 typed data: bad JSON shape, unknown or invalid types, or values that do not fit their type.</summary>
public sealed class TypedDataException : Exception
{
    public TypedDataException(string message)
        : base(message)
    {
    }

    public TypedDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TypedDataException()
    {
    }
}
