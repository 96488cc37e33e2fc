using System.Numerics;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Ot;

namespace MpcWallet.Mpc.Tests.Ot;

public sealed class WideScalarReductionTests
{
    private static readonly BigInteger Q = Secp256k1.OrderNumerics;

    [Fact]
    public void Matches_the_generic_reduction_on_random_inputs()
    {
        var random = new Random(48);
        var input = new byte[WideScalarReduction.InputLength];
        for (var i = 0; i < 100_000; i++)
        {
            random.NextBytes(input);
            Assert.Equal(Scalar.FromBytesReduced(input), WideScalarReduction.Reduce(input));
        }
    }

    [Fact]
    public void Matches_a_big_integer_reference_on_edge_values()
    {
        var two256 = BigInteger.One << 256;
        var max = (BigInteger.One << 384) - 1;
        var edges = new List<BigInteger>
        {
            0, 1, Q - 1, Q, Q + 1, 2 * Q - 1, 2 * Q, two256 - 1, two256, two256 + 1, max, max - Q,
            (max / Q) * Q, ((max / Q) * Q) - 1, two256 - Q, (two256 - Q) * two256,
            // Values whose first fold carries past 2^256 (high part all ones, low part near 2^256).
            (((BigInteger.One << 128) - 1) << 256) + two256 - 1,
            (((BigInteger.One << 128) - 1) << 256) + two256 - (two256 - Q),
        };
        // Inputs whose second fold carries past 2^256 (the masked "+ c" path): s = l + h·c = 2^256 + s_low with
        // s_low ≥ 2^256 − c.
        var c = two256 - Q;
        var h = (BigInteger.One << 128) - 1;
        foreach (var sLow in new[] { two256 - 1, two256 - c, two256 - c + 12345 })
        {
            var l = two256 + sLow - (h * c);
            Assert.InRange(l, BigInteger.Zero, two256 - 1);
            edges.Add((h << 256) + l);
        }

        for (var k = 1; k < 64; k++)
        {
            edges.Add((max / Q / k) * Q);
            edges.Add(((max / Q / k) * Q) + Q - 1);
        }

        foreach (var value in edges.Where(v => v <= max))
        {
            var bytes = new byte[WideScalarReduction.InputLength];
            var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
            raw.CopyTo(bytes, bytes.Length - raw.Length);
            Assert.Equal(BigInteger.Remainder(value, Q), WideScalarReduction.Reduce(bytes).ToNumerics());
            Assert.Equal(Scalar.FromBytesReduced(bytes), WideScalarReduction.Reduce(bytes));
        }
    }

    [Fact]
    public void Rejects_other_lengths()
    {
        Assert.Throws<ArgumentException>(() => WideScalarReduction.Reduce(new byte[47]));
        Assert.Throws<ArgumentException>(() => WideScalarReduction.Reduce(new byte[64]));
    }
}
