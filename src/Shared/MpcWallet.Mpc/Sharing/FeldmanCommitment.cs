using MpcWallet.Mpc.Curve;
using Org.BouncyCastle.Math.EC;

namespace MpcWallet.Mpc.Sharing;

/// <summary>
/// Public, in-the-exponent operations on Feldman commitments F_0..F_{t−1} (F_k = a_k·G) and on public shares:
/// evaluating f(i)·G = Σ_k i^k·F_k, summing commitments of several dealers, and Lagrange interpolation at zero.
/// All inputs are public, so the variable-time multi-scalar multiplication is appropriate.
/// </summary>
internal static class FeldmanCommitment
{
    /// <summary>Σ_k i^k·F_k, as one interleaved multi-scalar multiplication.</summary>
    public static Point EvaluateAt(IReadOnlyList<Point> commitment, int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        if (commitment.Count == 0)
        {
            throw new ArgumentException("empty commitment", nameof(commitment));
        }

        var x = Scalar.FromUInt64((ulong)index);
        var power = Scalar.One;
        var scalars = new Scalar[commitment.Count];
        for (var k = 0; k < commitment.Count; k++)
        {
            scalars[k] = power;
            power *= x;
        }

        return SumOfMultiplies(commitment, scalars);
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

        return SumOfMultiplies(values, scalars);
    }

    /// <summary>Σ k_j·P_j (public scalars; variable time).</summary>
    public static Point SumOfMultiplies(IReadOnlyList<Point> points, IReadOnlyList<Scalar> scalars)
    {
        if (points.Count != scalars.Count)
        {
            throw new ArgumentException("need one scalar per point");
        }

        var bcPoints = new ECPoint[points.Count];
        var bcScalars = new Org.BouncyCastle.Math.BigInteger[points.Count];
        for (var j = 0; j < points.Count; j++)
        {
            bcPoints[j] = points[j].Value;
            bcScalars[j] = scalars[j].ToBouncyCastle();
        }

        return Point.FromBouncyCastle(ECAlgorithms.SumOfMultiplies(bcPoints, bcScalars));
    }
}
