namespace MpcWallet.Ethereum.Rlp;

/// <summary>Bounds on what the decoder accepts from untrusted bytes.</summary>
public sealed record RlpLimits
{
    /// <summary>Defaults: 16 MiB of input, lists nested at most 32 deep.</summary>
    public static RlpLimits Default { get; } = new();

    public int MaxInputLength
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least one byte.");
    } = 16 * 1024 * 1024;

    /// <summary>How deep lists may nest; the outermost list is depth 1. At most 1024 (the decoder recurses).</summary>
    public int MaxDepth
    {
        get;
        init => field = value is >= 1 and <= 1024 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Between 1 and 1024.");
    } = 32;
}
