using System.Numerics;
using MpcWallet.Mpc.Curve;
using Org.BouncyCastle.Math.EC;

namespace MpcWallet.Mpc.Tests.Curve;

/// <summary>
/// Our three multipliers (constant-time fixed base, constant-time variable base, variable-time multi-scalar) against
/// BouncyCastle on 10,000 random scalars and points each, plus the edge cases complete formulas exist for.
/// </summary>
public sealed class MultiplierTests
{
    private const int RandomCases = 10_000;

    private static readonly BigInteger Q = Secp256k1.OrderNumerics;

    private static readonly BigInteger[] EdgeScalars =
    [
        0, 1, 2, 3, 15, 16, 17, Q - 1, Q - 2, Q - 15, (Q - 1) / 2, (Q + 1) / 2, BigInteger.One << 128, (BigInteger.One << 129) - 1,
        Endomorphism.Lambda.ToNumerics(), Q - Endomorphism.Lambda.ToNumerics(), ((BigInteger.One << 256) - 1) % Q,
    ];

    [Fact]
    public void Constant_time_generator_multiplication_matches_bouncy_castle()
    {
        var random = new Random(1001);
        foreach (var k in EdgeScalars.Concat(Enumerable.Range(0, RandomCases).Select(_ => RandomScalar(random))))
        {
            var scalar = Scalar.FromNumerics(k);
            Reference.AssertSame(Reference.Multiply(Reference.G, k), Point.MultiplyGenerator(scalar), $"k·G for k = {k:x}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Batched_constant_time_generator_multiplication_matches_bouncy_castle_in_every_lane(bool vectors)
    {
        using var scope = vectors ? null : VectorPaths.ScalarOnly();
        var random = new Random(1101);
        var ks = EdgeScalars.Concat(Enumerable.Range(0, RandomCases).Select(_ => RandomScalar(random))).ToArray();
        var results = new ProjectivePoint[ks.Length];
        GeneratorTable.MultiplyBatch(ks.Select(Scalar.FromNumerics).ToArray(), results);
        var normalised = Point.FromProjective(results);
        for (var i = 0; i < ks.Length; i++)
        {
            Reference.AssertSame(Reference.Multiply(Reference.G, ks[i]), normalised[i], $"lane {i % 4} of batch entry {i}, k = {ks[i]:x}");
        }
    }

    [Fact]
    public void Constant_time_variable_base_multiplication_matches_bouncy_castle()
    {
        var random = new Random(2002);
        foreach (var (k, basePoint) in Cases(random))
        {
            var ours = Reference.FromBouncyCastle(basePoint).Multiply(Scalar.FromNumerics(k));
            Reference.AssertSame(Reference.Multiply(basePoint, k), ours, $"k·P for k = {k:x}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Batched_constant_time_multiplication_matches_bouncy_castle_in_every_lane(bool vectors)
    {
        using var scope = vectors ? null : VectorPaths.ScalarOnly();
        var random = new Random(2112);
        var cases = Cases(random).ToList();
        // The identity as a base in some lanes, next to ordinary ones.
        cases.Insert(5, (RandomScalar(random), Reference.Curve.Infinity));
        cases.Insert(11, (0, Reference.Curve.Infinity));
        var points = cases.Select(c => Reference.FromBouncyCastle(c.P).Projective).ToArray();
        var scalars = cases.Select(c => Scalar.FromNumerics(c.K)).ToArray();
        var results = new ProjectivePoint[cases.Count];
        SecretScalarMultiplier.MultiplyBatch(points, scalars, results);
        var normalised = Point.FromProjective(results);
        for (var i = 0; i < cases.Count; i++)
        {
            Reference.AssertSame(Reference.Multiply(cases[i].P, cases[i].K), normalised[i], $"lane {i % 4} of batch entry {i}, k = {cases[i].K:x}");
        }
    }

    [Fact]
    public void Variable_time_multiplication_and_sums_match_bouncy_castle()
    {
        var random = new Random(3003);
        foreach (var (k, basePoint) in Cases(random))
        {
            var a = Scalar.FromNumerics(k);
            var b = Scalar.FromNumerics(RandomScalar(random));
            var p = Reference.FromBouncyCastle(basePoint);
            var other = Reference.Multiply(Reference.G, RandomScalar(random));
            var q = Reference.FromBouncyCastle(other);
            Reference.AssertSame(Reference.Multiply(basePoint, k), p.MultiplyPublic(a), $"public k·P for k = {k:x}");
            Reference.AssertSame(Reference.SumOfTwoMultiplies(basePoint, a, other, b), Point.SumOfTwoMultiplies(p, a, q, b), $"a·P + b·Q for a = {k:x}");
        }
    }

    [Fact]
    public void The_identity_and_the_zero_scalar_need_no_special_case()
    {
        var p = Point.MultiplyGenerator(Scalar.FromUInt64(12345));
        foreach (var k in EdgeScalars)
        {
            var scalar = Scalar.FromNumerics(k);
            Assert.True(Point.Identity.Multiply(scalar).IsIdentity);
            Assert.True(Point.Identity.MultiplyPublic(scalar).IsIdentity);
        }

        Assert.True(p.Multiply(Scalar.Zero).IsIdentity);
        Assert.True(p.MultiplyPublic(Scalar.Zero).IsIdentity);
        Assert.True(Point.MultiplyGenerator(Scalar.Zero).IsIdentity);
        Assert.Equal(p, p.Multiply(Scalar.One));
        Assert.Equal(p.Negate(), p.Multiply(-Scalar.One));
        Assert.Equal(p, p + Point.Identity);
        Assert.Equal(p, Point.Identity + p);
        Assert.True((Point.Identity + Point.Identity).IsIdentity);
    }

    [Fact]
    public void Addition_handles_inverse_and_equal_operands()
    {
        var random = new Random(4004);
        for (var i = 0; i < 200; i++)
        {
            var k = RandomScalar(random);
            var p = Point.MultiplyGenerator(Scalar.FromNumerics(k));
            var twice = Reference.Multiply(Reference.G, 2 * k % Q);
            Assert.True((p + p.Negate()).IsIdentity);
            Assert.True((p - p).IsIdentity);
            Reference.AssertSame(twice, p + p, "P + P");

            // Doubling inside the complete addition formula with different projective representatives of P.
            var scaled = Scale(p.Projective, FieldElementTests.From(new BigInteger(i + 2)));
            Reference.AssertSame(twice, Point.FromProjective(ProjectivePoint.Add(scaled, p.Projective)), "P + P (Z ≠ 1)");
            Reference.AssertSame(twice, Point.FromProjective(ProjectivePoint.Add(scaled, p.Affine)), "P + P (mixed)");
            Assert.True(Point.FromProjective(ProjectivePoint.Add(scaled, p.Negate().Affine)).IsIdentity);
            Assert.NotEqual(0UL, ProjectivePoint.EqualMask(scaled, p.Projective));

            // Interleaved sums where the partial sums collide: a·P + a·P and a·P − a·P.
            var a = Scalar.FromNumerics(k);
            Reference.AssertSame(twice, Point.SumOfTwoMultiplies(Point.Generator, a, Point.Generator, a), "a·G + a·G");
            Assert.True(Point.SumOfTwoMultiplies(p, a, p, -a).IsIdentity);
        }
    }

    [Fact]
    public void Linear_combinations_of_many_points_match_the_sum_of_products()
    {
        var random = new Random(5005);
        for (var round = 0; round < 20; round++)
        {
            var count = 1 + (round % 7);
            var points = Enumerable.Range(0, count).Select(_ => Point.MultiplyGenerator(Scalar.FromNumerics(RandomScalar(random)))).ToArray();
            var scalars = Enumerable.Range(0, count).Select(j => j == 2 ? Scalar.Zero : Scalar.FromNumerics(RandomScalar(random))).ToArray();
            var expected = Reference.Curve.Infinity;
            for (var j = 0; j < count; j++)
            {
                expected = expected.Add(Reference.Multiply(Reference.ToBouncyCastle(points[j]), scalars[j]));
            }

            Reference.AssertSame(expected.Normalize(), Point.LinearCombination(points, scalars), $"{count}-term combination");
        }
    }

    private static ProjectivePoint Scale(ProjectivePoint p, FieldElement factor) => new(p.X * factor, p.Y * factor, p.Z * factor);

    private static IEnumerable<(BigInteger K, ECPoint P)> Cases(Random random)
    {
        var g = Reference.G;
        var bases = new[] { g, g.Negate(), Reference.Multiply(g, Q - 1), Reference.Multiply(g, 2) };
        foreach (var k in EdgeScalars)
        {
            foreach (var b in bases)
            {
                yield return (k, b);
            }
        }

        for (var i = 0; i < RandomCases; i++)
        {
            yield return (RandomScalar(random), Reference.Multiply(g, RandomScalar(random)));
        }
    }

    private static BigInteger RandomScalar(Random random)
    {
        var bytes = new byte[33];
        random.NextBytes(bytes);
        bytes[^1] = 0;
        return new BigInteger(bytes) % Q;
    }
}
