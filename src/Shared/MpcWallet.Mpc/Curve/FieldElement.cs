using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace MpcWallet.Mpc.Curve;

/// <summary>
/// An element of F_p, p = 2^256 − 2^32 − 977 (the secp256k1 base field), as four 64-bit limbs. Values are kept
/// "weakly reduced": any 256-bit number, so p..2^256−1 stand for 0..2^32+976 until <see cref="Normalize"/> makes them
/// canonical. Every operation is branch-free with a running time independent of the values, because the same code
/// handles secret points (the base-OT pads, the Γ checks); only <see cref="TrySqrt"/>'s result and the canonical
/// decoder's range check are meant to be branched on, and they are only applied to public inputs.
/// <para>Reduction uses 2^256 ≡ 2^32 + 977 (mod p): the high half of a product is folded in by one multiplication
/// with that 33-bit constant, twice.</para>
/// </summary>
internal readonly struct FieldElement : IFieldOperations<FieldElement>
{
    public const int EncodedLength = 32;

    /// <summary>2^256 mod p.</summary>
    private const ulong Fold = 0x1000003D1UL;

    private const ulong P0 = 0xFFFFFFFEFFFFFC2FUL;
    private const ulong PHigh = 0xFFFFFFFFFFFFFFFFUL;

    public readonly ulong L0, L1, L2, L3;

    public FieldElement(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0; L1 = l1; L2 = l2; L3 = l3;
    }

    public static FieldElement Zero => default;

    public static FieldElement One => new(1, 0, 0, 0);

    /// <summary>Reads 32 big-endian bytes; values ≥ p are refused (strict decoding of public data).</summary>
    public static bool TryFromCanonical(ReadOnlySpan<byte> bigEndian, out FieldElement element)
    {
        element = default;
        if (bigEndian.Length != EncodedLength)
        {
            return false;
        }

        var raw = new FieldElement(
            BinaryPrimitives.ReadUInt64BigEndian(bigEndian[24..32]),
            BinaryPrimitives.ReadUInt64BigEndian(bigEndian[16..24]),
            BinaryPrimitives.ReadUInt64BigEndian(bigEndian[8..16]),
            BinaryPrimitives.ReadUInt64BigEndian(bigEndian[..8]));
        if (!raw.IsCanonical)
        {
            return false;
        }

        element = raw;
        return true;
    }

    /// <summary>32 big-endian bytes of the canonical value.</summary>
    public void WriteTo(Span<byte> destination)
    {
        var n = Normalize();
        BinaryPrimitives.WriteUInt64BigEndian(destination[..8], n.L3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..16], n.L2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..24], n.L1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..32], n.L0);
    }

    /// <summary>True when the limbs are already below p (public data only: the result is branched on).</summary>
    public bool IsCanonical
    {
        get
        {
            ulong borrow = 0;
            Limb.SubBorrow(L0, P0, ref borrow);
            Limb.SubBorrow(L1, PHigh, ref borrow);
            Limb.SubBorrow(L2, PHigh, ref borrow);
            Limb.SubBorrow(L3, PHigh, ref borrow);
            return borrow == 1;
        }
    }

    /// <summary>The canonical representative (below p). One conditional subtraction suffices since 2^256 &lt; 2p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FieldElement Normalize()
    {
        // x + (2^256 − p) overflows exactly when x ≥ p, and then its low 256 bits are x − p.
        ulong carry = 0;
        var t0 = Limb.AddCarry(L0, Fold, ref carry);
        var t1 = Limb.AddCarry(L1, 0, ref carry);
        var t2 = Limb.AddCarry(L2, 0, ref carry);
        var t3 = Limb.AddCarry(L3, 0, ref carry);
        var mask = Limb.Mask(carry);
        return new FieldElement(
            Limb.Select(mask, t0, L0), Limb.Select(mask, t1, L1), Limb.Select(mask, t2, L2), Limb.Select(mask, t3, L3));
    }

    /// <summary>All ones when the value is 0 mod p.</summary>
    public ulong IsZeroMask()
    {
        var n = Normalize();
        return Limb.EqualMask(n.L0 | n.L1 | n.L2 | n.L3, 0);
    }

    /// <summary>All ones when both represent the same field element.</summary>
    public static ulong EqualMask(in FieldElement a, in FieldElement b)
    {
        var x = a.Normalize();
        var y = b.Normalize();
        return Limb.EqualMask((x.L0 ^ y.L0) | (x.L1 ^ y.L1) | (x.L2 ^ y.L2) | (x.L3 ^ y.L3), 0);
    }

    /// <summary>1 when the canonical value is odd.</summary>
    public ulong IsOdd() => Normalize().L0 & 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement Select(ulong mask, in FieldElement ifSet, in FieldElement ifClear) => new(
        Limb.Select(mask, ifSet.L0, ifClear.L0),
        Limb.Select(mask, ifSet.L1, ifClear.L1),
        Limb.Select(mask, ifSet.L2, ifClear.L2),
        Limb.Select(mask, ifSet.L3, ifClear.L3));

    public static FieldElement operator +(in FieldElement a, in FieldElement b)
    {
        ulong carry = 0;
        var r0 = Limb.AddCarry(a.L0, b.L0, ref carry);
        var r1 = Limb.AddCarry(a.L1, b.L1, ref carry);
        var r2 = Limb.AddCarry(a.L2, b.L2, ref carry);
        var r3 = Limb.AddCarry(a.L3, b.L3, ref carry);
        return FoldCarry(r0, r1, r2, r3, carry);
    }

    public static FieldElement operator -(in FieldElement a, in FieldElement b)
    {
        ulong borrow = 0;
        var r0 = Limb.SubBorrow(a.L0, b.L0, ref borrow);
        var r1 = Limb.SubBorrow(a.L1, b.L1, ref borrow);
        var r2 = Limb.SubBorrow(a.L2, b.L2, ref borrow);
        var r3 = Limb.SubBorrow(a.L3, b.L3, ref borrow);
        // A wrap added 2^256 ≡ 2^256 − p too much: subtract it, and once more if that wraps again (then the value was
        // below 2^32 + 977 and the second subtraction cannot wrap).
        var fold = borrow * Fold;
        borrow = 0;
        r0 = Limb.SubBorrow(r0, fold, ref borrow);
        r1 = Limb.SubBorrow(r1, 0, ref borrow);
        r2 = Limb.SubBorrow(r2, 0, ref borrow);
        r3 = Limb.SubBorrow(r3, 0, ref borrow);
        fold = borrow * Fold;
        borrow = 0;
        r0 = Limb.SubBorrow(r0, fold, ref borrow);
        r1 = Limb.SubBorrow(r1, 0, ref borrow);
        r2 = Limb.SubBorrow(r2, 0, ref borrow);
        r3 = Limb.SubBorrow(r3, 0, ref borrow);
        return new FieldElement(r0, r1, r2, r3);
    }

    public static FieldElement operator -(in FieldElement a) => Zero - a;

    public static FieldElement operator *(in FieldElement a, in FieldElement b) => Multiply(a, b);

    /// <summary>a·b mod p (weakly reduced): 16 limb products, then two folds of the high half.</summary>
    public static FieldElement Multiply(in FieldElement a, in FieldElement b)
    {
        ulong c = 0;
        var r0 = Limb.MulAdd(a.L0, b.L0, 0, ref c);
        var r1 = Limb.MulAdd(a.L1, b.L0, 0, ref c);
        var r2 = Limb.MulAdd(a.L2, b.L0, 0, ref c);
        var r3 = Limb.MulAdd(a.L3, b.L0, 0, ref c);
        var r4 = c;

        c = 0;
        r1 = Limb.MulAdd(a.L0, b.L1, r1, ref c);
        r2 = Limb.MulAdd(a.L1, b.L1, r2, ref c);
        r3 = Limb.MulAdd(a.L2, b.L1, r3, ref c);
        r4 = Limb.MulAdd(a.L3, b.L1, r4, ref c);
        var r5 = c;

        c = 0;
        r2 = Limb.MulAdd(a.L0, b.L2, r2, ref c);
        r3 = Limb.MulAdd(a.L1, b.L2, r3, ref c);
        r4 = Limb.MulAdd(a.L2, b.L2, r4, ref c);
        r5 = Limb.MulAdd(a.L3, b.L2, r5, ref c);
        var r6 = c;

        c = 0;
        r3 = Limb.MulAdd(a.L0, b.L3, r3, ref c);
        r4 = Limb.MulAdd(a.L1, b.L3, r4, ref c);
        r5 = Limb.MulAdd(a.L2, b.L3, r5, ref c);
        r6 = Limb.MulAdd(a.L3, b.L3, r6, ref c);
        var r7 = c;

        return Reduce(r0, r1, r2, r3, r4, r5, r6, r7);
    }

    /// <summary>a² mod p: the six cross products once, doubled, plus the four squares (10 limb products).</summary>
    public FieldElement Square()
    {
        ulong c = 0;
        var r1 = Limb.MulAdd(L0, L1, 0, ref c);
        var r2 = Limb.MulAdd(L0, L2, 0, ref c);
        var r3 = Limb.MulAdd(L0, L3, 0, ref c);
        var r4 = c;

        c = 0;
        r3 = Limb.MulAdd(L1, L2, r3, ref c);
        r4 = Limb.MulAdd(L1, L3, r4, ref c);
        var r5 = c;

        c = 0;
        r5 = Limb.MulAdd(L2, L3, r5, ref c);
        var r6 = c;

        var r7 = r6 >> 63;
        r6 = (r6 << 1) | (r5 >> 63);
        r5 = (r5 << 1) | (r4 >> 63);
        r4 = (r4 << 1) | (r3 >> 63);
        r3 = (r3 << 1) | (r2 >> 63);
        r2 = (r2 << 1) | (r1 >> 63);
        r1 <<= 1;

        var h0 = Limb.MultiplyHigh(L0, L0, out var r0);
        var h1 = Limb.MultiplyHigh(L1, L1, out var s1);
        var h2 = Limb.MultiplyHigh(L2, L2, out var s2);
        var h3 = Limb.MultiplyHigh(L3, L3, out var s3);
        c = 0;
        r1 = Limb.AddCarry(r1, h0, ref c);
        r2 = Limb.AddCarry(r2, s1, ref c);
        r3 = Limb.AddCarry(r3, h1, ref c);
        r4 = Limb.AddCarry(r4, s2, ref c);
        r5 = Limb.AddCarry(r5, h2, ref c);
        r6 = Limb.AddCarry(r6, s3, ref c);
        r7 += h3 + c;

        return Reduce(r0, r1, r2, r3, r4, r5, r6, r7);
    }

    /// <summary>a·k mod p for a small public constant k &lt; 2^32 (the curve's 3b = 21, doubling).</summary>
    public static FieldElement MultiplySmall(in FieldElement a, uint k)
    {
        ulong c = 0;
        var r0 = Limb.MulAdd(a.L0, k, 0, ref c);
        var r1 = Limb.MulAdd(a.L1, k, 0, ref c);
        var r2 = Limb.MulAdd(a.L2, k, 0, ref c);
        var r3 = Limb.MulAdd(a.L3, k, 0, ref c);
        // c < 2^32, so c·Fold < 2^65: add it as two words.
        var high = Limb.MultiplyHigh(c, Fold, out var low);
        ulong carry = 0;
        r0 = Limb.AddCarry(r0, low, ref carry);
        r1 = Limb.AddCarry(r1, high, ref carry);
        r2 = Limb.AddCarry(r2, 0, ref carry);
        r3 = Limb.AddCarry(r3, 0, ref carry);
        return FoldCarry(r0, r1, r2, r3, carry);
    }

    static FieldElement IFieldOperations<FieldElement>.Add(in FieldElement a, in FieldElement b) => a + b;

    static FieldElement IFieldOperations<FieldElement>.Subtract(in FieldElement a, in FieldElement b) => a - b;

    static FieldElement IFieldOperations<FieldElement>.Square(in FieldElement a) => a.Square();

    static FieldElement IFieldOperations<FieldElement>.MultiplyByThreeB(in FieldElement a) => MultiplySmall(a, 21);

    /// <summary>a^−1 (and 0 for 0) by a fixed addition chain (<see cref="FieldExponentiation"/>), whatever a is.</summary>
    public FieldElement Invert() => FieldExponentiation.Invert(this);

    /// <summary>
    /// A square root when one exists (<see cref="FieldExponentiation.SqrtCandidate{T}"/>), checked by squaring. The
    /// exponentiation is fixed; the returned flag is meant for public inputs (point decoding, hashing to the curve).
    /// </summary>
    public bool TrySqrt(out FieldElement root)
    {
        root = FieldExponentiation.SqrtCandidate(this);
        return EqualMask(root.Square(), this) != 0;
    }

    /// <summary>
    /// Square roots of many public values (four lanes at a time on AVX2): roots[i] is valid where exists[i] is true.
    /// </summary>
    public static void TrySqrtBatch(ReadOnlySpan<FieldElement> values, Span<FieldElement> roots, Span<bool> exists)
    {
        var i = 0;
        if (VectorPaths.Enabled)
        {
            Span<FieldElement> lanes = stackalloc FieldElement[4];
            for (; i + 4 <= values.Length; i += 4)
            {
                var candidate = FieldExponentiation.SqrtCandidate(FieldElement4.FromLanes(values[i], values[i + 1], values[i + 2], values[i + 3]));
                candidate.ToLanes(lanes);
                for (var lane = 0; lane < 4; lane++)
                {
                    roots[i + lane] = lanes[lane];
                    exists[i + lane] = EqualMask(lanes[lane].Square(), values[i + lane]) != 0;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            exists[i] = values[i].TrySqrt(out roots[i]);
        }
    }

    /// <summary>Inverts every element with one inversion (Montgomery's trick); zeros stay zero and do not spoil the rest.</summary>
    public static void InvertAll(Span<FieldElement> values, Span<FieldElement> scratch)
    {
        if (values.Length == 0)
        {
            return;
        }

        // Zeros are replaced by 1 in the running product (branch-free) and mapped back to 0 at the end.
        var accumulator = One;
        for (var i = 0; i < values.Length; i++)
        {
            scratch[i] = accumulator;
            var zero = values[i].IsZeroMask();
            accumulator *= Select(zero, One, values[i]);
        }

        var inverse = accumulator.Invert();
        for (var i = values.Length - 1; i >= 0; i--)
        {
            var zero = values[i].IsZeroMask();
            var value = Select(zero, One, values[i]);
            var result = inverse * scratch[i];
            inverse *= value;
            values[i] = Select(zero, Zero, result);
        }
    }

    /// <summary>Folds a 512-bit product r7..r0 into 256 bits: high·2^256 ≡ high·(2^32 + 977).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement Reduce(ulong r0, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, ulong r6, ulong r7)
    {
        ulong c = 0;
        var t0 = Limb.MulAdd(r4, Fold, r0, ref c);
        var t1 = Limb.MulAdd(r5, Fold, r1, ref c);
        var t2 = Limb.MulAdd(r6, Fold, r2, ref c);
        var t3 = Limb.MulAdd(r7, Fold, r3, ref c);
        // c < 2^34: fold c·2^256 once more (c·Fold < 2^67).
        var high = Limb.MultiplyHigh(c, Fold, out var low);
        ulong carry = 0;
        t0 = Limb.AddCarry(t0, low, ref carry);
        t1 = Limb.AddCarry(t1, high, ref carry);
        t2 = Limb.AddCarry(t2, 0, ref carry);
        t3 = Limb.AddCarry(t3, 0, ref carry);
        return FoldCarry(t0, t1, t2, t3, carry);
    }

    /// <summary>
    /// Adds carry·(2^256 mod p) to a value that overflowed 2^256 carry times (0 or 1). If that addition overflows
    /// again, the value is now below 2^33 and one more addition of the constant cannot overflow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement FoldCarry(ulong r0, ulong r1, ulong r2, ulong r3, ulong carry)
    {
        var add = carry * Fold;
        carry = 0;
        r0 = Limb.AddCarry(r0, add, ref carry);
        r1 = Limb.AddCarry(r1, 0, ref carry);
        r2 = Limb.AddCarry(r2, 0, ref carry);
        r3 = Limb.AddCarry(r3, 0, ref carry);
        r0 += carry * Fold;
        return new FieldElement(r0, r1, r2, r3);
    }
}
