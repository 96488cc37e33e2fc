using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Sharing;

/// <summary>
/// A secret polynomial f(x) = a_0 + a_1·x + … + a_{t−1}·x^{t−1} over Z_q (t coefficients, degree t − 1) used for
/// Shamir sharing. Secret: call <see cref="Clear"/> when done.
/// </summary>
internal sealed class Polynomial
{
    private readonly Scalar[] _coefficients;

    private Polynomial(Scalar[] coefficients)
    {
        _coefficients = coefficients;
    }

    public int CoefficientCount => _coefficients.Length;

    /// <summary>Random non-zero coefficients; the constant term is <paramref name="constantTerm"/> when given.</summary>
    public static Polynomial Random(int coefficientCount, Scalar? constantTerm, IRandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(coefficientCount, 1);
        var coefficients = new Scalar[coefficientCount];
        for (var k = 0; k < coefficientCount; k++)
        {
            coefficients[k] = Scalar.Random(random);
        }

        if (constantTerm is { } constant)
        {
            if (constant.IsZero)
            {
                throw new ArgumentException("the constant term must be non-zero (its commitment is public)", nameof(constantTerm));
            }

            coefficients[0] = constant;
        }

        return new Polynomial(coefficients);
    }

    public Scalar Coefficient(int k) => _coefficients[k];

    public Scalar ConstantTerm => _coefficients[0];

    /// <summary>f(x) by Horner's rule at a party index.</summary>
    public Scalar Evaluate(int x)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(x, 1);
        var point = Scalar.FromUInt64((ulong)x);
        var acc = _coefficients[^1];
        for (var k = _coefficients.Length - 2; k >= 0; k--)
        {
            acc = (acc * point) + _coefficients[k];
        }

        return acc;
    }

    /// <summary>The Feldman commitment F_k = a_k·G for every coefficient.</summary>
    public Point[] Commit()
    {
        var commitment = new Point[_coefficients.Length];
        for (var k = 0; k < _coefficients.Length; k++)
        {
            commitment[k] = Point.MultiplyGenerator(_coefficients[k]);
        }

        return commitment;
    }

    public void Clear() => Array.Clear(_coefficients);
}
