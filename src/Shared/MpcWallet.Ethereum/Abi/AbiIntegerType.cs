using System.Globalization;
using System.Numerics;

namespace MpcWallet.Ethereum.Abi;

/// <summary>uint&lt;M&gt; or int&lt;M&gt;, 8 ≤ M ≤ 256, M % 8 == 0. Values are <see cref="BigInteger"/> within the type's range.</summary>
public sealed class AbiIntegerType : AbiType
{
    public AbiIntegerType(int bits, bool isSigned)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new AbiException($"An integer type has 8 to 256 bits in steps of 8, not {bits}.");
        }

        Bits = bits;
        IsSigned = isSigned;
        MaxValue = isSigned ? (BigInteger.One << (bits - 1)) - 1 : (BigInteger.One << bits) - 1;
        MinValue = isSigned ? -(BigInteger.One << (bits - 1)) : BigInteger.Zero;
        CanonicalName = (isSigned ? "int" : "uint") + bits.ToString(CultureInfo.InvariantCulture);
    }

    public static AbiIntegerType UInt256 { get; } = new(256, isSigned: false);

    public static AbiIntegerType Int256 { get; } = new(256, isSigned: true);

    public int Bits { get; }

    public bool IsSigned { get; }

    public BigInteger MinValue { get; }

    public BigInteger MaxValue { get; }

    public override string CanonicalName { get; }

    public override bool IsDynamic => false;

    internal override int HeadSize => 32;

    public bool Contains(BigInteger value) => value >= MinValue && value <= MaxValue;
}
