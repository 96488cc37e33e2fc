using MpcWallet.Mpc.Curve;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace MpcWallet.Mpc.Tests.Curve;

/// <summary>BouncyCastle's secp256k1 as the independent reference our group arithmetic is checked against.</summary>
internal static class Reference
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static ECCurve Curve => Parameters.Curve;

    public static ECPoint G => Parameters.G;

    public static ECPoint Multiply(ECPoint point, System.Numerics.BigInteger k) => point.Multiply(ToBc(k)).Normalize();

    public static ECPoint Multiply(ECPoint point, Scalar k) => point.Multiply(ToBc(k.ToNumerics())).Normalize();

    public static ECPoint SumOfTwoMultiplies(ECPoint p, Scalar a, ECPoint q, Scalar b) =>
        ECAlgorithms.SumOfTwoMultiplies(p, ToBc(a.ToNumerics()), q, ToBc(b.ToNumerics())).Normalize();

    public static ECPoint ToBouncyCastle(Point point) =>
        point.IsIdentity ? Curve.Infinity : Curve.DecodePoint(point.Encode()).Normalize();

    public static Point FromBouncyCastle(ECPoint point) =>
        point.IsInfinity ? Point.Identity : Point.Decode(point.Normalize().GetEncoded(true));

    /// <summary>Same group element (identity included), compared through BouncyCastle's own encoding.</summary>
    public static void AssertSame(ECPoint expected, Point actual, string context)
    {
        if (expected.IsInfinity || actual.IsIdentity)
        {
            Assert.True(expected.IsInfinity && actual.IsIdentity, $"{context}: identity mismatch");
            return;
        }

        Assert.True(expected.Normalize().GetEncoded(true).AsSpan().SequenceEqual(actual.Encode()), $"{context}: points differ");
    }

    private static BcBigInteger ToBc(System.Numerics.BigInteger value) =>
        new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));
}
