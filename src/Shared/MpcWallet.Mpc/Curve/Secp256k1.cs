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

    static Secp256k1()
    {
        if (!Curve.GetType().Name.Contains("SecP256K1", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"expected BouncyCastle's optimised SecP256K1 curve, got {Curve.GetType().Name}");
        }
    }
}
