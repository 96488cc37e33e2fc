using System.Numerics;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Tests.Curve;

public sealed class FieldElementTests
{
    private static readonly BigInteger P = Secp256k1.FieldPrimeNumerics;
    private static readonly BigInteger TwoTo256 = BigInteger.One << 256;

    /// <summary>Weakly reduced inputs (p..2^256−1 stand for small values) are part of the contract, so edges include them.</summary>
    private static readonly BigInteger[] Edges =
    [
        0, 1, 2, 7, P - 1, P - 2, P, P + 1, TwoTo256 - 1, TwoTo256 - 2, (BigInteger.One << 255), (BigInteger.One << 64) - 1,
        (BigInteger.One << 32) + 977, P / 2, (P + 1) / 2,
    ];

    [Fact]
    public void Arithmetic_matches_big_integer_reference_on_random_and_edge_values()
    {
        var random = new Random(4242);
        var values = Edges.Concat(Enumerable.Range(0, 3000).Select(_ => RandomBelow(random, TwoTo256))).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var a = values[i];
            var b = values[((i * 13) + 5) % values.Length];
            var fa = From(a);
            var fb = From(b);
            Assert.Equal(Mod(a + b), ToBig(fa + fb));
            Assert.Equal(Mod(a - b), ToBig(fa - fb));
            Assert.Equal(Mod(-a), ToBig(-fa));
            Assert.Equal(Mod(a * b), ToBig(fa * fb));
            Assert.Equal(Mod(a * a), ToBig(fa.Square()));
            Assert.Equal(Mod(a * 21), ToBig(FieldElement.MultiplySmall(fa, 21)));
            Assert.Equal(Mod(a * uint.MaxValue), ToBig(FieldElement.MultiplySmall(fa, uint.MaxValue)));
            Assert.Equal(Mod(a).IsZero, fa.IsZeroMask() != 0);
            Assert.Equal(Mod(a) == Mod(b), FieldElement.EqualMask(fa, fb) != 0);
            Assert.Equal((ulong)(Mod(a) % 2), fa.IsOdd());
            if (!Mod(a).IsZero)
            {
                Assert.Equal(BigInteger.ModPow(a, P - 2, P), ToBig(fa.Invert()));
            }
        }
    }

    [Fact]
    public void Results_stay_below_two_to_the_256_and_normalise_to_the_canonical_value()
    {
        var all = FieldElement.Zero - FieldElement.One;
        Assert.Equal(P - 1, ToBig(all));
        var max = new FieldElement(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);
        Assert.Equal(Mod(TwoTo256 - 1), ToBig(max));
        Assert.Equal(Mod((TwoTo256 - 1) * 2), ToBig(max + max));
        Assert.Equal(Mod((TwoTo256 - 1) * (TwoTo256 - 1)), ToBig(max * max));
        Assert.Equal(Mod(-(TwoTo256 - 1)), ToBig(FieldElement.Zero - max));
    }

    [Fact]
    public void Square_roots_exist_exactly_for_quadratic_residues()
    {
        var random = new Random(77);
        for (var i = 0; i < 500; i++)
        {
            var a = RandomBelow(random, P);
            var isResidue = a.IsZero || BigInteger.ModPow(a, (P - 1) / 2, P).IsOne;
            Assert.Equal(isResidue, From(a).TrySqrt(out var root));
            if (isResidue)
            {
                Assert.Equal(a, Mod(ToBig(root) * ToBig(root)));
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Batched_square_roots_match_the_residue_test_on_both_paths(bool vectors)
    {
        using var scope = vectors ? null : VectorPaths.ScalarOnly();
        var random = new Random(78);
        // 4k + 3 values, weakly reduced edges included: whole lane sets and a remainder.
        var values = Edges.Concat(Enumerable.Range(0, 1000).Select(_ => RandomBelow(random, P))).ToArray()[..1003];
        var elements = values.Select(From).ToArray();
        var roots = new FieldElement[values.Length];
        var exists = new bool[values.Length];
        FieldElement.TrySqrtBatch(elements, roots, exists);
        for (var i = 0; i < values.Length; i++)
        {
            var a = Mod(values[i]);
            var isResidue = a.IsZero || BigInteger.ModPow(a, (P - 1) / 2, P).IsOne;
            Assert.Equal(isResidue, exists[i]);
            if (isResidue)
            {
                Assert.Equal(a, Mod(ToBig(roots[i]) * ToBig(roots[i])));
            }
        }
    }

    [Fact]
    public void Batch_inversion_matches_single_inversions_and_keeps_zeros()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 40).Select(i => i % 7 == 3 ? BigInteger.Zero : RandomBelow(random, P)).ToArray();
        var elements = values.Select(From).ToArray();
        FieldElement.InvertAll(elements, new FieldElement[elements.Length]);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i].IsZero ? BigInteger.Zero : BigInteger.ModPow(values[i], P - 2, P), ToBig(elements[i]));
        }
    }

    [Fact]
    public void Canonical_decoding_refuses_values_at_or_above_p()
    {
        Assert.False(FieldElement.TryFromCanonical(P.ToByteArray(isUnsigned: true, isBigEndian: true), out _));
        Assert.False(FieldElement.TryFromCanonical(Enumerable.Repeat((byte)0xFF, 32).ToArray(), out _));
        Assert.True(FieldElement.TryFromCanonical((P - 1).ToByteArray(isUnsigned: true, isBigEndian: true), out var top));
        Assert.Equal(P - 1, ToBig(top));
    }

    internal static FieldElement From(BigInteger value)
    {
        var bytes = new byte[32];
        value.ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(bytes.AsSpan(32 - value.GetByteCount(isUnsigned: true)));
        return new FieldElement(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(24)),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(16)),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8)),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes));
    }

    internal static BigInteger ToBig(FieldElement element)
    {
        var bytes = new byte[32];
        element.WriteTo(bytes);
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        Assert.True(value < P, "WriteTo must produce the canonical value");
        return value;
    }

    private static BigInteger Mod(BigInteger x) => ((x % P) + P) % P;

    private static BigInteger RandomBelow(Random random, BigInteger bound)
    {
        var bytes = new byte[33];
        random.NextBytes(bytes);
        bytes[^1] = 0;
        return new BigInteger(bytes) % bound;
    }
}
