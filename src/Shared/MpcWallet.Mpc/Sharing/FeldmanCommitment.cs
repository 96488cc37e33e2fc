using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Sharing;

/// <summary>
/// Public, in-the-exponent operations on Feldman commitments F_0..F_{t−1} (F_k = a_k·G) and on public shares:
/// evaluating f(i)·G = Σ_k i^k·F_k, summing commitments of several dealers, and Lagrange interpolation at zero.
/// All inputs are public, so the variable-time multipliers are appropriate.
/// </summary>
internal static class FeldmanCommitment
{
    /// <summary>Σ_k i^k·F_k by Horner's rule in the exponent: (…(F_{t−1}·i + F_{t−2})·i + …)·i + F_0, each step a
    /// multiplication by the small index (a few doublings) and one addition.</summary>
    public static Point EvaluateAt(IReadOnlyList<Point> commitment, int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        if (commitment.Count == 0)
        {
            throw new ArgumentException("empty commitment", nameof(commitment));
        }

        var acc = commitment[^1].Projective;
        for (var k = commitment.Count - 2; k >= 0; k--)
        {
            acc = ProjectivePoint.Add(PublicScalarMultiplier.MultiplySmall(acc, (uint)index), commitment[k].Projective);
        }

        return Point.FromProjective(acc);
    }

    /// <summary>The component-wise sum Σ_j F_{j,k} of several dealers' commitments (all of the same length).</summary>
    public static Point[] Aggregate(IReadOnlyList<IReadOnlyList<Point>> commitments)
    {
        if (commitments.Count == 0)
        {
            throw new ArgumentException("nothing to aggregate", nameof(commitments));
        }

        var length = commitments[0].Count;
        if (commitments.Any(c => c.Count != length))
        {
            throw new ArgumentException("commitments of different lengths", nameof(commitments));
        }

        var sum = new Point[length];
        for (var k = 0; k < length; k++)
        {
            sum[k] = Point.Sum(commitments.Select(c => c[k]));
        }

        return sum;
    }

    /// <summary>Σ_j λ_j(S)·P_j: the value at zero of the polynomial whose values in the exponent are the P_j.</summary>
    public static Point InterpolateAtZero(IReadOnlyList<int> indices, IReadOnlyList<Point> values)
    {
        if (indices.Count != values.Count || indices.Count == 0)
        {
            throw new ArgumentException("need one value per index");
        }

        var scalars = new Scalar[indices.Count];
        for (var j = 0; j < indices.Count; j++)
        {
            scalars[j] = Lagrange.CoefficientAtZero(indices[j], indices);
        }

        return Point.LinearCombination(values, scalars);
    }
}
