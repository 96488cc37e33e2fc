namespace MpcWallet.Ethereum.Transactions;

/// <summary>The only exception <see cref="TransactionDecoder"/> throws for bad input.</summary>
public sealed class TransactionDecodingException : Exception
{
    public TransactionDecodingException(string message)
        : base(message)
    {
    }

    public TransactionDecodingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TransactionDecodingException()
    {
    }
}
