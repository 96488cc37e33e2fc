using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>A block selector for JSON-RPC calls: a tag (latest, pending, earliest, safe, finalized) or a block number.</summary>
public readonly record struct BlockParameter
{
    private readonly string _text;

    private BlockParameter(string text) => _text = text;

    public static BlockParameter Latest { get; } = new("latest");

    public static BlockParameter Pending { get; } = new("pending");

    public static BlockParameter Earliest { get; } = new("earliest");

    /// <summary>Post-Merge chains only.</summary>
    public static BlockParameter Safe { get; } = new("safe");

    /// <summary>Post-Merge chains only.</summary>
    public static BlockParameter Finalized { get; } = new("finalized");

    public static BlockParameter Number(ulong blockNumber) => new(((UInt256)blockNumber).ToQuantityString());

    /// <summary>The JSON-RPC form ("latest", "0x1b4", …); default(BlockParameter) means latest.</summary>
    public override string ToString() => _text ?? "latest";
}
