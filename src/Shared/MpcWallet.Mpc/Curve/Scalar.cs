using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace MpcWallet.Mpc.Curve;

/// <summary>
/// An element of Z_q, q the order of secp256k1. Stored as four 64-bit limbs in Montgomery form so that the
/// multiplication-heavy RVOLE loops avoid BigInteger allocations; arithmetic has no data-dependent branches.
/// </summary>
public readonly struct Scalar : IEquatable<Scalar>
{
    private const ulong N0 = 0xBFD25E8CD0364141UL;
    private const ulong N1 = 0xBAAEDCE6AF48A03BUL;
    private const ulong N2 = 0xFFFFFFFFFFFFFFFEUL;
    private const ulong N3 = 0xFFFFFFFFFFFFFFFFUL;

    // ⌊q/2⌋ = 7FFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 5D576E73 57A4501D DFE92F46 681B20A0
    private const ulong HalfOrder0 = 0xDFE92F46681B20A0UL;
    private const ulong HalfOrder1 = 0x5D576E7357A4501DUL;
    private const ulong HalfOrder2 = 0xFFFFFFFFFFFFFFFFUL;
    private const ulong HalfOrder3 = 0x7FFFFFFFFFFFFFFFUL;

    public const int EncodedLength = 32;

    // -q^{-1} mod 2^64 for Montgomery reduction.
    private static readonly ulong NPrime = ComputeNPrime();

    // R^2 mod q with R = 2^256: converts a canonical value into Montgomery form.
    private static readonly Scalar R2 = FromLimbsUnchecked(System.Numerics.BigInteger.ModPow(2, 512, Secp256k1.OrderNumerics));

    private readonly ulong _l0, _l1, _l2, _l3;

    private Scalar(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        _l0 = l0; _l1 = l1; _l2 = l2; _l3 = l3;
    }

    public static Scalar Zero => default;

    public static Scalar One { get; } = FromUInt64(1);

    public bool IsZero => (_l0 | _l1 | _l2 | _l3) == 0;

    public static Scalar FromUInt64(ulong value) => MontMul(new Scalar(value, 0, 0, 0), R2);

    /// <summary>Decodes a canonical 32-byte big-endian scalar; values ≥ q are rejected, never reduced.</summary>
    public static bool TryFromCanonical(ReadOnlySpan<byte> bytes, out Scalar scalar)
    {
        scalar = default;
        if (bytes.Length != EncodedLength)
        {
            return false;
        }

        var raw = ReadLimbs(bytes);
        if (!LessThanOrder(raw))
        {
            return false;
        }

        scalar = MontMul(raw, R2);
        return true;
    }

    public static Scalar FromCanonical(ReadOnlySpan<byte> bytes) =>
        TryFromCanonical(bytes, out var s) ? s : throw new MpcDecodeException("scalar is not a canonical 32-byte value below the group order");

    /// <summary>Reduces a big-endian byte string of up to 64 bytes modulo q (for hash outputs of ≥ 48 bytes).</summary>
    public static Scalar FromBytesReduced(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 64)
        {
            throw new ArgumentException("at most 64 bytes can be reduced", nameof(bytes));
        }

        Span<byte> wide = stackalloc byte[64];
        wide.Clear();
        bytes.CopyTo(wide[(64 - bytes.Length)..]);
        var hi = ReduceOnce(ReadLimbs(wide[..32]));
        var lo = ReduceOnce(ReadLimbs(wide[32..]));
        // value = hi·2^256 + lo; in Montgomery form that is hi·R·R + lo·R.
        var hiMont = MontMul(MontMul(hi, R2), R2);
        var loMont = MontMul(lo, R2);
        return hiMont + loMont;
    }

    /// <summary>Uniform secret scalar in [1, q-1] by rejection sampling.</summary>
    public static Scalar Random(Randomness.IRandomSource random)
    {
        Span<byte> buffer = stackalloc byte[EncodedLength];
        try
        {
            while (true)
            {
                random.Fill(buffer);
                if (TryFromCanonical(buffer, out var s) && !s.IsZero)
                {
                    return s;
                }
            }
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        }
    }

    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < EncodedLength)
        {
            throw new ArgumentException("destination too short", nameof(destination));
        }

        var plain = MontMul(this, new Scalar(1, 0, 0, 0));
        BinaryPrimitives.WriteUInt64BigEndian(destination[..8], plain._l3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..16], plain._l2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..24], plain._l1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..32], plain._l0);
    }

    public byte[] ToBytes()
    {
        var result = new byte[EncodedLength];
        WriteTo(result);
        return result;
    }

    /// <summary>For tests and public constants only: a BigInteger copy of a secret could never be wiped.</summary>
    internal System.Numerics.BigInteger ToNumerics() => new(ToBytes(), isUnsigned: true, isBigEndian: true);

    /// <summary>For tests and public constants only (see <see cref="ToNumerics"/>).</summary>
    internal static Scalar FromNumerics(System.Numerics.BigInteger value)
    {
        var reduced = System.Numerics.BigInteger.Remainder(value, Secp256k1.OrderNumerics);
        if (reduced.Sign < 0)
        {
            reduced += Secp256k1.OrderNumerics;
        }

        return MontMul(FromLimbsUnchecked(reduced), R2);
    }

    /// <summary>The canonical value's limbs, least significant first (constant time).</summary>
    internal (ulong L0, ulong L1, ulong L2, ulong L3) ToCanonicalLimbs()
    {
        var plain = MontMul(this, new Scalar(1, 0, 0, 0));
        return (plain._l0, plain._l1, plain._l2, plain._l3);
    }

    /// <summary>The scalar with canonical limbs l0..l3, which the caller guarantees to be below q (constant time).</summary>
    internal static Scalar FromCanonicalLimbs(ulong l0, ulong l1, ulong l2, ulong l3) => MontMul(new Scalar(l0, l1, l2, l3), R2);

    /// <summary>All ones when the canonical value exceeds q/2, without a branch (for the GLV split of secrets).</summary>
    internal ulong IsHighMask()
    {
        var plain = MontMul(this, new Scalar(1, 0, 0, 0));
        ulong borrow = 0;
        Limb.SubBorrow(HalfOrder0, plain._l0, ref borrow);
        Limb.SubBorrow(HalfOrder1, plain._l1, ref borrow);
        Limb.SubBorrow(HalfOrder2, plain._l2, ref borrow);
        Limb.SubBorrow(HalfOrder3, plain._l3, ref borrow);
        return Limb.Mask(borrow);
    }

    internal static Scalar Select(ulong mask, Scalar ifSet, Scalar ifClear) => new(
        Limb.Select(mask, ifSet._l0, ifClear._l0),
        Limb.Select(mask, ifSet._l1, ifClear._l1),
        Limb.Select(mask, ifSet._l2, ifClear._l2),
        Limb.Select(mask, ifSet._l3, ifClear._l3));

    public static Scalar operator +(Scalar a, Scalar b)
    {
        ulong carry = 0;
        var r0 = Limb.AddCarry(a._l0, b._l0, ref carry);
        var r1 = Limb.AddCarry(a._l1, b._l1, ref carry);
        var r2 = Limb.AddCarry(a._l2, b._l2, ref carry);
        var r3 = Limb.AddCarry(a._l3, b._l3, ref carry);
        return SubtractOrderIfNeeded(r0, r1, r2, r3, carry);
    }

    public static Scalar operator -(Scalar a, Scalar b)
    {
        ulong borrow = 0;
        var r0 = Limb.SubBorrow(a._l0, b._l0, ref borrow);
        var r1 = Limb.SubBorrow(a._l1, b._l1, ref borrow);
        var r2 = Limb.SubBorrow(a._l2, b._l2, ref borrow);
        var r3 = Limb.SubBorrow(a._l3, b._l3, ref borrow);
        // Add q back when the subtraction wrapped; the mask keeps it branch-free.
        var mask = 0UL - borrow;
        ulong carry = 0;
        r0 = Limb.AddCarry(r0, N0 & mask, ref carry);
        r1 = Limb.AddCarry(r1, N1 & mask, ref carry);
        r2 = Limb.AddCarry(r2, N2 & mask, ref carry);
        r3 = Limb.AddCarry(r3, N3 & mask, ref carry);
        return new Scalar(r0, r1, r2, r3);
    }

    public static Scalar operator -(Scalar a) => Zero - a;

    public static Scalar operator *(Scalar a, Scalar b) => MontMul(a, b);

    public Scalar Square() => MontMul(this, this);

    /// <summary>Multiplicative inverse via Fermat (a^(q-2)); the exponent is public so the ladder is fixed.</summary>
    public Scalar Invert()
    {
        if (IsZero)
        {
            throw new InvalidOperationException("zero has no inverse");
        }

        ReadOnlySpan<ulong> exponent = [N0 - 2, N1, N2, N3];
        var result = One;
        for (var limb = 3; limb >= 0; limb--)
        {
            for (var bit = 63; bit >= 0; bit--)
            {
                result = result.Square();
                if (((exponent[limb] >> bit) & 1) == 1)
                {
                    result *= this;
                }
            }
        }

        return result;
    }

    /// <summary>True when the canonical value exceeds q/2 (EIP-2 high-s; public values: variable time).</summary>
    public bool IsHigh()
    {
        var plain = MontMul(this, new Scalar(1, 0, 0, 0));
        if (plain._l3 != HalfOrder3) return plain._l3 > HalfOrder3;
        if (plain._l2 != HalfOrder2) return plain._l2 > HalfOrder2;
        if (plain._l1 != HalfOrder1) return plain._l1 > HalfOrder1;
        return plain._l0 > HalfOrder0;
    }

    public bool Equals(Scalar other)
    {
        var diff = (_l0 ^ other._l0) | (_l1 ^ other._l1) | (_l2 ^ other._l2) | (_l3 ^ other._l3);
        return diff == 0;
    }

    public override bool Equals(object? obj) => obj is Scalar other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_l0, _l1, _l2, _l3);

    public static bool operator ==(Scalar left, Scalar right) => left.Equals(right);

    public static bool operator !=(Scalar left, Scalar right) => !left.Equals(right);

    /// <summary>Never prints the value: scalars are usually secrets.</summary>
    public override string ToString() => "Scalar(…)";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Scalar MontMul(Scalar a, Scalar b)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
        MontStep(ref t0, ref t1, ref t2, ref t3, ref t4, a, b._l0);
        MontStep(ref t0, ref t1, ref t2, ref t3, ref t4, a, b._l1);
        MontStep(ref t0, ref t1, ref t2, ref t3, ref t4, a, b._l2);
        MontStep(ref t0, ref t1, ref t2, ref t3, ref t4, a, b._l3);
        return SubtractOrderIfNeeded(t0, t1, t2, t3, t4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MontStep(ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3, ref ulong t4, Scalar a, ulong bi)
    {
        // t += a·bi
        ulong carry = 0;
        t0 = Limb.MulAdd(a._l0, bi, t0, ref carry);
        t1 = Limb.MulAdd(a._l1, bi, t1, ref carry);
        t2 = Limb.MulAdd(a._l2, bi, t2, ref carry);
        t3 = Limb.MulAdd(a._l3, bi, t3, ref carry);
        var sum = t4 + carry;
        var t5 = sum < carry ? 1UL : 0UL;
        t4 = sum;

        // t = (t + m·q) / 2^64; the low limb becomes zero by the choice of m.
        var m = t0 * NPrime;
        carry = 0;
        Limb.MulAdd(m, N0, t0, ref carry);
        t0 = Limb.MulAdd(m, N1, t1, ref carry);
        t1 = Limb.MulAdd(m, N2, t2, ref carry);
        t2 = Limb.MulAdd(m, N3, t3, ref carry);
        sum = t4 + carry;
        t3 = sum;
        t4 = t5 + (sum < carry ? 1UL : 0UL);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Scalar SubtractOrderIfNeeded(ulong r0, ulong r1, ulong r2, ulong r3, ulong overflow)
    {
        ulong borrow = 0;
        var d0 = Limb.SubBorrow(r0, N0, ref borrow);
        var d1 = Limb.SubBorrow(r1, N1, ref borrow);
        var d2 = Limb.SubBorrow(r2, N2, ref borrow);
        var d3 = Limb.SubBorrow(r3, N3, ref borrow);
        // Keep the difference when the value was ≥ q (no borrow) or had overflowed past 2^256.
        var keepDifference = (1UL ^ borrow) | overflow;
        var mask = 0UL - (keepDifference & 1);
        return new Scalar(
            (d0 & mask) | (r0 & ~mask),
            (d1 & mask) | (r1 & ~mask),
            (d2 & mask) | (r2 & ~mask),
            (d3 & mask) | (r3 & ~mask));
    }

    private static Scalar ReadLimbs(ReadOnlySpan<byte> bigEndian32) => new(
        BinaryPrimitives.ReadUInt64BigEndian(bigEndian32[24..32]),
        BinaryPrimitives.ReadUInt64BigEndian(bigEndian32[16..24]),
        BinaryPrimitives.ReadUInt64BigEndian(bigEndian32[8..16]),
        BinaryPrimitives.ReadUInt64BigEndian(bigEndian32[..8]));

    private static bool LessThanOrder(Scalar raw)
    {
        ulong borrow = 0;
        Limb.SubBorrow(raw._l0, N0, ref borrow);
        Limb.SubBorrow(raw._l1, N1, ref borrow);
        Limb.SubBorrow(raw._l2, N2, ref borrow);
        Limb.SubBorrow(raw._l3, N3, ref borrow);
        return borrow == 1;
    }

    // 2^256 < 2q, so one conditional subtraction reduces any 256-bit value.
    private static Scalar ReduceOnce(Scalar raw) => SubtractOrderIfNeeded(raw._l0, raw._l1, raw._l2, raw._l3, 0);

    private static Scalar FromLimbsUnchecked(System.Numerics.BigInteger value)
    {
        Span<byte> buffer = stackalloc byte[EncodedLength];
        buffer.Clear();
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(buffer[(EncodedLength - bytes.Length)..]);
        return ReadLimbs(buffer);
    }

    private static ulong ComputeNPrime()
    {
        // Newton iteration for q0^{-1} mod 2^64; each step doubles the correct low bits.
        ulong inverse = 1;
        for (var i = 0; i < 7; i++)
        {
            inverse *= 2 - (N0 * inverse);
        }

        return 0UL - inverse;
    }
}
