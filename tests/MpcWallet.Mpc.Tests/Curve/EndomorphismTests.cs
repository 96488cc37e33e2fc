using System.Numerics;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Tests.Curve;

public sealed class EndomorphismTests
{
    private static readonly BigInteger Q = Secp256k1.OrderNumerics;
    private static readonly BigInteger P = Secp256k1.FieldPrimeNumerics;

    [Fact]
    public void Constants_are_cube_roots_of_unity_that_agree_on_the_generator()
    {
        var lambda = Endomorphism.Lambda.ToNumerics();
        var beta = FieldElementTests.ToBig(Secp256k1.Beta);
        Assert.Equal(BigInteger.One, BigInteger.ModPow(lambda, 3, Q));
        Assert.NotEqual(BigInteger.One, lambda);
        Assert.Equal(BigInteger.One, BigInteger.ModPow(beta, 3, P));
        Assert.NotEqual(BigInteger.One, beta);

        var lambdaG = Point.Generator.Multiply(Endomorphism.Lambda);
        var phiG = Point.FromProjective(ProjectivePoint.FromAffine(Secp256k1.G).Endomorphism());
        Assert.Equal(lambdaG, phiG);
        Assert.Equal(Reference.Multiply(Reference.G, lambda), Reference.ToBouncyCastle(phiG));
    }

    [Fact]
    public void Split_recombines_and_keeps_both_halves_below_two_to_the_129()
    {
        var random = new Random(31337);
        var lambda = Endomorphism.Lambda.ToNumerics();
        var edges = new[] { BigInteger.Zero, BigInteger.One, Q - 1, Q - 2, Q / 2, (Q / 2) + 1, lambda, Q - lambda, BigInteger.One << 128, (BigInteger.One << 255) % Q };
        foreach (var k in edges.Concat(Enumerable.Range(0, 20000).Select(_ => RandomBelow(random, Q))))
        {
            var (k1, k2) = Endomorphism.Split(Scalar.FromNumerics(k));
            var v1 = Signed(k1);
            var v2 = Signed(k2);
            Assert.True(BigInteger.Abs(v1) < BigInteger.One << 129, $"|k1| too large for k = {k:x}");
            Assert.True(BigInteger.Abs(v2) < BigInteger.One << 129, $"|k2| too large for k = {k:x}");
            Assert.Equal(k, (((v1 + (v2 * lambda)) % Q) + Q) % Q);
        }
    }

    private static BigInteger Signed(Endomorphism.Half half)
    {
        var magnitude = new BigInteger(half.L0) + (new BigInteger(half.L1) << 64) + (new BigInteger(half.L2) << 128);
        return half.NegativeMask == 0 ? magnitude : -magnitude;
    }

    private static BigInteger RandomBelow(Random random, BigInteger bound)
    {
        var bytes = new byte[33];
        random.NextBytes(bytes);
        bytes[^1] = 0;
        return new BigInteger(bytes) % bound;
    }
}
