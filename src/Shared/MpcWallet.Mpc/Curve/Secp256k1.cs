using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace MpcWallet.Mpc.Curve;

/// <summary>
/// The one shared secp256k1 curve instance. BouncyCastle's custom curve (GLV endomorphism, specialised field)
/// is 5–9× faster than the generic table curve, and points from different curve objects must never mix.
/// </summary>
public static class Secp256k1
{
    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static ECCurve Curve { get; } = Parameters.Curve;

    public static ECPoint G { get; } = Parameters.G.Normalize();

    public static Org.BouncyCastle.Math.BigInteger Order { get; } = Parameters.N;

    public static System.Numerics.BigInteger OrderNumerics { get; } =
        System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    public static System.Numerics.BigInteger FieldPrimeNumerics { get; } =
        System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", System.Globalization.NumberStyles.HexNumber);

    public static Org.BouncyCastle.Math.BigInteger FieldPrime { get; } = Curve.Field.Characteristic;

    internal static FixedPointCombMultiplier GeneratorMultiplier { get; } = new();

    internal static readonly MpcWallet.Mpc.Curve.FieldElement B = new(7, 0, 0, 0);

    internal static readonly AffinePoint GAffine = new(
        new MpcWallet.Mpc.Curve.FieldElement(0x59F2815B16F81798UL, 0x029BFCDB2DCE28D9UL, 0x55A06295CE870B07UL, 0x79BE667EF9DCBBACUL),
        new MpcWallet.Mpc.Curve.FieldElement(0x9C47D08FFB10D4B8UL, 0xFD17B448A6855419UL, 0x5DA4FBFC0E1108A8UL, 0x483ADA7726A3C465UL));

    internal static readonly MpcWallet.Mpc.Curve.FieldElement Beta =
        new(0xC1396C28719501EEUL, 0x9CF0497512F58995UL, 0x6E64479EAC3434E9UL, 0x7AE96A2B657C0710UL);

    static Secp256k1()
    {
        if (!Curve.GetType().Name.Contains("SecP256K1", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"expected BouncyCastle's optimised SecP256K1 curve, got {Curve.GetType().Name}");
        }
    }
}
