using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Sharing;

/// <summary>Lagrange coefficients for interpolating at 0 from Shamir shares at evaluation points 1..16.</summary>
public static class Lagrange
{
    /// <summary>λ_i(S) = Π_{j∈S, j≠i} j / (j − i).</summary>
    public static Scalar CoefficientAtZero(int index, IReadOnlyList<int> set)
    {
        if (!set.Contains(index) || set.Distinct().Count() != set.Count || set.Any(j => j < 1))
        {
            throw new ArgumentException("index must be in a set of distinct positive evaluation points");
        }

        var numerator = Scalar.One;
        var denominator = Scalar.One;
        var i = Scalar.FromUInt64((ulong)index);
        foreach (var j in set)
        {
            if (j == index)
            {
                continue;
            }

            var x = Scalar.FromUInt64((ulong)j);
            numerator *= x;
            denominator *= x - i;
        }

        return numerator * denominator.Invert();
    }
}
