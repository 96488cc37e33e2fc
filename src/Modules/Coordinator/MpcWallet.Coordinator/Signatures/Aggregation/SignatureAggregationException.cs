namespace MpcWallet.Coordinator.Signatures.Aggregation;

/// <summary>Partials did not decode, disagree, or combine to an invalid signature (cannot be attributed from them alone).</summary>
internal sealed class SignatureAggregationException : Exception
{
    public SignatureAggregationException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public SignatureAggregationException()
        : base("aggregation failed")
    {
    }

    public SignatureAggregationException(string message)
        : base(message)
    {
    }
}
