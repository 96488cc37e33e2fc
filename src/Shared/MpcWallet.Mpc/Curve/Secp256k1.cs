namespace MpcWallet.Mpc.Curve;

/// <summary>
/// secp256k1's public constants (SEC 2 §2.4.1): the group order q, the field prime p, y² = x³ + B, the generator, and
/// β, a primitive cube root of unity mod p with (β·x, y) = λ·(x, y) for the λ of <see cref="Endomorphism"/>. The
/// group arithmetic is our own (<see cref="FieldElement"/>, <see cref="ProjectivePoint"/>); unit tests check every
/// constant and check the arithmetic against BouncyCastle.
/// </summary>
public static class Secp256k1
{
    public static System.Numerics.BigInteger OrderNumerics { get; } =
        System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    public static System.Numerics.BigInteger FieldPrimeNumerics { get; } =
        System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", System.Globalization.NumberStyles.HexNumber);

    /// <summary>The order as BouncyCastle's integer, for callers comparing public values (signatures) with it.</summary>
    public static Org.BouncyCastle.Math.BigInteger Order { get; } = new(1, OrderNumerics.ToByteArray(isUnsigned: true, isBigEndian: true));

    internal static readonly FieldElement B = new(7, 0, 0, 0);

    internal static readonly AffinePoint G = new(
        new FieldElement(0x59F2815B16F81798UL, 0x029BFCDB2DCE28D9UL, 0x55A06295CE870B07UL, 0x79BE667EF9DCBBACUL),
        new FieldElement(0x9C47D08FFB10D4B8UL, 0xFD17B448A6855419UL, 0x5DA4FBFC0E1108A8UL, 0x483ADA7726A3C465UL));

    internal static readonly FieldElement Beta =
        new(0xC1396C28719501EEUL, 0x9CF0497512F58995UL, 0x6E64479EAC3434E9UL, 0x7AE96A2B657C0710UL);
}
