using System.Numerics;
using System.Runtime.Intrinsics;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Tests.Curve;

/// <summary>The four-lane AVX2 field against the scalar one and BigInteger, including chains and extreme weak limbs.</summary>
public sealed class FieldElement4Tests
{
    private static readonly BigInteger P = Secp256k1.FieldPrimeNumerics;

    [Fact]
    public void Every_lane_matches_the_scalar_field()
    {
        if (!FieldElement4.IsSupported)
        {
            return;
        }

        var random = new Random(808);
        for (var round = 0; round < 3000; round++)
        {
            var a = Enumerable.Range(0, 4).Select(_ => FieldElementTests.From(RandomBelow(random, BigInteger.One << 256))).ToArray();
            var b = Enumerable.Range(0, 4).Select(_ => FieldElementTests.From(RandomBelow(random, BigInteger.One << 256))).ToArray();
            var va = FieldElement4.FromLanes(a[0], a[1], a[2], a[3]);
            var vb = FieldElement4.FromLanes(b[0], b[1], b[2], b[3]);
            var sum = va + vb;
            var difference = va - vb;
            var product = va * vb;
            var square = va.Square();
            var small = FieldElement4.MultiplySmall(va, 21);
            var negated = -va;
            for (var lane = 0; lane < 4; lane++)
            {
                Assert.Equal(FieldElementTests.ToBig(a[lane] + b[lane]), FieldElementTests.ToBig(sum.Lane(lane)));
                Assert.Equal(FieldElementTests.ToBig(a[lane] - b[lane]), FieldElementTests.ToBig(difference.Lane(lane)));
                Assert.Equal(FieldElementTests.ToBig(a[lane] * b[lane]), FieldElementTests.ToBig(product.Lane(lane)));
                Assert.Equal(FieldElementTests.ToBig(a[lane].Square()), FieldElementTests.ToBig(square.Lane(lane)));
                Assert.Equal(FieldElementTests.ToBig(FieldElement.MultiplySmall(a[lane], 21)), FieldElementTests.ToBig(small.Lane(lane)));
                Assert.Equal(FieldElementTests.ToBig(-a[lane]), FieldElementTests.ToBig(negated.Lane(lane)));
            }
        }
    }

    [Fact]
    public void Long_chains_of_weak_results_stay_correct()
    {
        if (!FieldElement4.IsSupported)
        {
            return;
        }

        var random = new Random(909);
        var scalar = Enumerable.Range(0, 4).Select(_ => FieldElementTests.From(RandomBelow(random, P))).ToArray();
        var other = Enumerable.Range(0, 4).Select(_ => FieldElementTests.From(RandomBelow(random, P))).ToArray();
        var vector = FieldElement4.FromLanes(scalar[0], scalar[1], scalar[2], scalar[3]);
        var otherVector = FieldElement4.FromLanes(other[0], other[1], other[2], other[3]);
        for (var step = 0; step < 20000; step++)
        {
            var op = random.Next(6);
            vector = op switch
            {
                0 => vector + vector,
                1 => vector - otherVector,
                2 => vector * otherVector,
                3 => vector.Square(),
                4 => FieldElement4.MultiplySmall(vector, 21) + otherVector,
                _ => otherVector - vector,
            };
            for (var lane = 0; lane < 4; lane++)
            {
                scalar[lane] = op switch
                {
                    0 => scalar[lane] + scalar[lane],
                    1 => scalar[lane] - other[lane],
                    2 => scalar[lane] * other[lane],
                    3 => scalar[lane].Square(),
                    4 => FieldElement.MultiplySmall(scalar[lane], 21) + other[lane],
                    _ => other[lane] - scalar[lane],
                };
            }

            if (step % 97 == 0)
            {
                for (var lane = 0; lane < 4; lane++)
                {
                    Assert.Equal(FieldElementTests.ToBig(scalar[lane]), FieldElementTests.ToBig(vector.Lane(lane)));
                }

                AssertWeak(vector);
            }
        }
    }

    [Fact]
    public void Largest_weak_limbs_neither_overflow_nor_lose_bits()
    {
        if (!FieldElement4.IsSupported)
        {
            return;
        }

        // Every limb at the top of the invariant (below 2^27, limb 9 below 2^22): the largest weak value, about 2^257.
        var max = new FieldElement4();
        var limb = Vector256.Create((1UL << 27) - 1);
        max.L0 = max.L1 = max.L2 = max.L3 = max.L4 = max.L5 = max.L6 = max.L7 = max.L8 = limb;
        max.L9 = Vector256.Create((1UL << 22) - 1);
        var value = BigInteger.Zero;
        for (var j = 0; j < 9; j++)
        {
            value += ((BigInteger.One << 27) - 1) << (26 * j);
        }

        value += ((BigInteger.One << 22) - 1) << 234;
        var small = FieldElement4.FromLanes(FieldElement.One, FieldElement.Zero, FieldElementTests.From(P - 1), FieldElementTests.From(12345));
        BigInteger[] smallValues = [1, 0, P - 1, 12345];
        for (var lane = 0; lane < 4; lane++)
        {
            Assert.Equal(value % P, FieldElementTests.ToBig(max.Lane(lane)));
            Assert.Equal(value * value % P, FieldElementTests.ToBig((max * max).Lane(lane)));
            Assert.Equal(value * value % P, FieldElementTests.ToBig(max.Square().Lane(lane)));
            Assert.Equal((value + value) % P, FieldElementTests.ToBig((max + max).Lane(lane)));
            Assert.Equal(value * 64 % P, FieldElementTests.ToBig(FieldElement4.MultiplySmall(max, 64).Lane(lane)));
            Assert.Equal((((smallValues[lane] - value) % P) + P) % P, FieldElementTests.ToBig((small - max).Lane(lane)));
            Assert.Equal((((value - smallValues[lane]) % P) + P) % P, FieldElementTests.ToBig((max - small).Lane(lane)));
        }
    }

    private static void AssertWeak(FieldElement4 v)
    {
        foreach (var l in new[] { v.L0, v.L1, v.L2, v.L3, v.L4, v.L5, v.L6, v.L7, v.L8 })
        {
            for (var lane = 0; lane < 4; lane++)
            {
                Assert.True(l.GetElement(lane) < 1UL << 27);
            }
        }

        for (var lane = 0; lane < 4; lane++)
        {
            Assert.True(v.L9.GetElement(lane) < 1UL << 22);
        }
    }

    private static BigInteger RandomBelow(Random random, BigInteger bound)
    {
        var bytes = new byte[33];
        random.NextBytes(bytes);
        bytes[^1] = 0;
        return new BigInteger(bytes) % bound;
    }
}
