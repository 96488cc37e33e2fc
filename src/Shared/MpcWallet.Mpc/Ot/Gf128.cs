using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// An element of GF(2^128) = GF(2)[x] / (x^128 + x^7 + x^2 + x + 1) in plain (non-reflected) convention: bit i of
/// <see cref="Lo"/>/<see cref="Hi"/> is the coefficient of x^i (x^(64+i)). Bytes map little-endian, so byte k bit b is
/// the coefficient of x^(8k+b) — the same bit order as the OT-extension column vectors it compresses.
/// Used only by the OT-extension consistency check; the carry-less multiply is data-independent on both paths.
/// </summary>
internal readonly struct Gf128 : IEquatable<Gf128>
{
    public const int EncodedLength = 16;

    public Gf128(ulong lo, ulong hi)
    {
        Lo = lo;
        Hi = hi;
    }

    public ulong Lo { get; }

    public ulong Hi { get; }

    public static Gf128 Zero => default;

    public static Gf128 One => new(1, 0);

    public bool IsZero => (Lo | Hi) == 0;

    public static Gf128 Read(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Lo);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Hi);
    }

    public static Gf128 operator ^(Gf128 a, Gf128 b) => new(a.Lo ^ b.Lo, a.Hi ^ b.Hi);

    public static Gf128 operator *(Gf128 a, Gf128 b) => Multiply(a, b);

    public static Gf128 Multiply(Gf128 a, Gf128 b) => Pclmulqdq.IsSupported ? MultiplyClmul(a, b) : MultiplyPortable(a, b);

    /// <summary>Multiplication with the PCLMULQDQ instruction (x86 only).</summary>
    internal static Gf128 MultiplyClmul(Gf128 a, Gf128 b)
    {
        var va = Vector128.Create(a.Lo, a.Hi);
        var vb = Vector128.Create(b.Lo, b.Hi);
        var p0 = Pclmulqdq.CarrylessMultiply(va, vb, 0x00);
        var p3 = Pclmulqdq.CarrylessMultiply(va, vb, 0x11);
        var mid = Pclmulqdq.CarrylessMultiply(va, vb, 0x01) ^ Pclmulqdq.CarrylessMultiply(va, vb, 0x10);
        return Reduce(
            p0.GetElement(0),
            p0.GetElement(1) ^ mid.GetElement(0),
            p3.GetElement(0) ^ mid.GetElement(1),
            p3.GetElement(1));
    }

    /// <summary>Multiplication with masked shifts only: the same results on every platform, in constant time.</summary>
    internal static Gf128 MultiplyPortable(Gf128 a, Gf128 b)
    {
        var (p0Lo, p0Hi) = ClmulPortable(a.Lo, b.Lo);
        var (p3Lo, p3Hi) = ClmulPortable(a.Hi, b.Hi);
        var (m1Lo, m1Hi) = ClmulPortable(a.Lo, b.Hi);
        var (m2Lo, m2Hi) = ClmulPortable(a.Hi, b.Lo);
        return Reduce(p0Lo, p0Hi ^ m1Lo ^ m2Lo, p3Lo ^ m1Hi ^ m2Hi, p3Hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Lo, ulong Hi) ClmulPortable(ulong a, ulong b)
    {
        ulong lo = a & (0UL - (b & 1)), hi = 0;
        for (var i = 1; i < 64; i++)
        {
            var mask = 0UL - ((b >> i) & 1);
            lo ^= (a << i) & mask;
            hi ^= (a >> (64 - i)) & mask;
        }

        return (lo, hi);
    }

    /// <summary>Reduces r0 + r1·x^64 + r2·x^128 + r3·x^192 using x^128 = x^7 + x^2 + x + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Gf128 Reduce(ulong r0, ulong r1, ulong r2, ulong r3)
    {
        // H = r2 + r3·x^64 times (1 + x + x^2 + x^7); the bits pushed past x^127 (at most 7) are folded once more.
        var v0 = r2 ^ (r2 << 1) ^ (r2 << 2) ^ (r2 << 7);
        var v1 = r3 ^ ((r3 << 1) | (r2 >> 63)) ^ ((r3 << 2) | (r2 >> 62)) ^ ((r3 << 7) | (r2 >> 57));
        var overflow = (r3 >> 63) ^ (r3 >> 62) ^ (r3 >> 57);
        var folded = overflow ^ (overflow << 1) ^ (overflow << 2) ^ (overflow << 7);
        return new Gf128(r0 ^ v0 ^ folded, r1 ^ v1);
    }

    public bool Equals(Gf128 other) => ((Lo ^ other.Lo) | (Hi ^ other.Hi)) == 0;

    public override bool Equals(object? obj) => obj is Gf128 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Lo, Hi);

    public static bool operator ==(Gf128 left, Gf128 right) => left.Equals(right);

    public static bool operator !=(Gf128 left, Gf128 right) => !left.Equals(right);

    /// <summary>Never prints the value: check values are derived from secret OT rows.</summary>
    public override string ToString() => "Gf128(…)";
}
