using System.Numerics;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Tests.Curve;

public sealed class ScalarTests
{
    private static readonly BigInteger Q = Secp256k1.OrderNumerics;

    [Fact]
    public void Arithmetic_matches_big_integer_reference_on_random_and_edge_values()
    {
        var random = new Random(1234);
        var edges = new[] { BigInteger.Zero, BigInteger.One, new BigInteger(2), Q - 1, Q - 2, Q / 2, (Q / 2) + 1, BigInteger.Pow(2, 255), BigInteger.Pow(2, 128) - 1 };
        var values = edges.Concat(Enumerable.Range(0, 300).Select(_ => RandomBelow(random, Q))).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var a = values[i];
            var b = values[(i * 7 + 3) % values.Length];
            var sa = Scalar.FromNumerics(a);
            var sb = Scalar.FromNumerics(b);
            Assert.Equal(Mod(a + b), (sa + sb).ToNumerics());
            Assert.Equal(Mod(a - b), (sa - sb).ToNumerics());
            Assert.Equal(Mod(a * b), (sa * sb).ToNumerics());
            Assert.Equal(Mod(-a), (-sa).ToNumerics());
            Assert.Equal(a > Q / 2, sa.IsHigh());
            if (!a.IsZero)
            {
                Assert.Equal(BigInteger.ModPow(a, Q - 2, Q), sa.Invert().ToNumerics());
                Assert.Equal(Scalar.One, sa * sa.Invert());
            }
        }
    }

    [Fact]
    public void Canonical_decoding_rejects_values_at_or_above_the_order()
    {
        var q = Q.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.False(Scalar.TryFromCanonical(q, out _));
        Assert.False(Scalar.TryFromCanonical(Enumerable.Repeat((byte)0xFF, 32).ToArray(), out _));
        Assert.False(Scalar.TryFromCanonical(new byte[31], out _));
        var qMinus1 = (Q - 1).ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.True(Scalar.TryFromCanonical(qMinus1, out var s));
        Assert.Equal(qMinus1, s.ToBytes());
    }

    [Fact]
    public void Wide_reduction_matches_big_integer_reference()
    {
        var random = new Random(99);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[64];
            random.NextBytes(bytes);
            var expected = new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % Q;
            Assert.Equal(expected, Scalar.FromBytesReduced(bytes).ToNumerics());
        }
    }

    private static BigInteger Mod(BigInteger x) => ((x % Q) + Q) % Q;

    private static BigInteger RandomBelow(Random random, BigInteger bound)
    {
        var bytes = new byte[33];
        random.NextBytes(bytes);
        bytes[^1] = 0;
        return new BigInteger(bytes) % bound;
    }
}
