using System.Globalization;

namespace MpcWallet.Ethereum.Abi;

/// <summary>bytes&lt;M&gt;, 1 ≤ M ≤ 32: left-aligned, zero-padded on the right. Values are byte arrays of exactly M bytes.</summary>
public sealed class AbiFixedBytesType : AbiType
{
    public AbiFixedBytesType(int size)
    {
        if (size is < 1 or > 32)
        {
            throw new AbiException($"A fixed bytes type has 1 to 32 bytes, not {size}.");
        }

        Size = size;
        CanonicalName = "bytes" + size.ToString(CultureInfo.InvariantCulture);
    }

    public int Size { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic => false;

    internal override int HeadSize => 32;
}
