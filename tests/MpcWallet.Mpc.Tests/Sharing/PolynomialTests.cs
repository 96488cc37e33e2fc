using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Sharing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Sharing;

public sealed class PolynomialTests
{
    private readonly SeededRandomSource _random = new(55);

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    [InlineData(5, 16)]
    public void Any_t_evaluations_interpolate_to_the_constant_term(int threshold, int partyCount)
    {
        var secret = Scalar.Random(_random);
        var polynomial = Polynomial.Random(threshold, secret, _random);
        var shares = Enumerable.Range(1, partyCount).ToDictionary(i => i, polynomial.Evaluate);
        var random = new Random(threshold);
        for (var trial = 0; trial < 10; trial++)
        {
            var subset = Enumerable.Range(1, partyCount).OrderBy(_ => random.Next()).Take(threshold).ToArray();
            var combined = subset.Aggregate(Scalar.Zero, (acc, j) => acc + (Lagrange.CoefficientAtZero(j, subset) * shares[j]));
            Assert.Equal(secret, combined);
            var tooFew = subset[..^1];
            var partial = tooFew.Aggregate(Scalar.Zero, (acc, j) => acc + (Lagrange.CoefficientAtZero(j, tooFew) * shares[j]));
            Assert.NotEqual(secret, partial);
        }
    }

    [Fact]
    public void Evaluation_matches_the_naive_sum()
    {
        var polynomial = Polynomial.Random(4, null, _random);
        var x = Scalar.FromUInt64(7);
        var expected = polynomial.Coefficient(0) + (polynomial.Coefficient(1) * x) + (polynomial.Coefficient(2) * x * x) + (polynomial.Coefficient(3) * x * x * x);
        Assert.Equal(expected, polynomial.Evaluate(7));
    }

    [Fact]
    public void Feldman_evaluation_matches_the_share_and_detects_a_wrong_one()
    {
        var polynomial = Polynomial.Random(3, null, _random);
        var commitment = polynomial.Commit();
        for (var i = 1; i <= 16; i++)
        {
            Assert.Equal(Point.MultiplyGenerator(polynomial.Evaluate(i)), FeldmanCommitment.EvaluateAt(commitment, i));
            Assert.NotEqual(Point.MultiplyGenerator(polynomial.Evaluate(i) + Scalar.One), FeldmanCommitment.EvaluateAt(commitment, i));
        }
    }

    [Fact]
    public void Aggregation_and_interpolation_in_the_exponent_agree_with_the_scalars()
    {
        var first = Polynomial.Random(3, null, _random);
        var second = Polynomial.Random(3, null, _random);
        var sum = FeldmanCommitment.Aggregate([first.Commit(), second.Commit()]);
        Assert.Equal(Point.MultiplyGenerator(first.ConstantTerm + second.ConstantTerm), sum[0]);
        int[] subset = [2, 5, 9];
        var values = subset.Select(j => FeldmanCommitment.EvaluateAt(sum, j)).ToArray();
        Assert.Equal(sum[0], FeldmanCommitment.InterpolateAtZero(subset, values));
        Assert.NotEqual(sum[0], FeldmanCommitment.InterpolateAtZero(subset[..2], values[..2]));
        Assert.Throws<ArgumentException>(() => FeldmanCommitment.Aggregate([first.Commit(), Polynomial.Random(2, null, _random).Commit()]));
    }

    [Fact]
    public void Clear_wipes_the_coefficients()
    {
        var polynomial = Polynomial.Random(3, null, _random);
        polynomial.Clear();
        Assert.True(polynomial.Coefficient(0).IsZero && polynomial.Coefficient(2).IsZero);
    }
}
