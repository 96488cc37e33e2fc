using System.Numerics;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;

namespace MpcWallet.Ethereum.Signatures;

/// <summary>The one shared secp256k1 curve object (BouncyCastle's optimised custom curve) and its constants.</summary>
internal static class Secp256k1
{
    public static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static ECCurve Curve => Parameters.Curve;

    public static ECPoint G => Parameters.G;

    public static Org.BouncyCastle.Math.BigInteger N => Parameters.N;

    public static readonly BigInteger Order = BigInteger.Parse(
        "115792089237316195423570985008687907852837564279074904382605163141518161494337",
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>n/2 (floor): EIP-2 accepts s ≤ this for transactions.</summary>
    public static readonly BigInteger HalfOrder = Order / 2;

    /// <summary>Decodes a 33-byte compressed or 65-byte uncompressed public key; null if it is not a valid curve point.</summary>
    public static ECPoint? TryDecodePublicKey(ReadOnlySpan<byte> encoded)
    {
        var shapeOk = (encoded.Length == 33 && (encoded[0] == 0x02 || encoded[0] == 0x03))
            || (encoded.Length == 65 && encoded[0] == 0x04);
        if (!shapeOk)
        {
            return null;
        }

        try
        {
            var point = Curve.DecodePoint(encoded.ToArray());
            return point.IsInfinity || !point.IsValid() ? null : point.Normalize();
        }
        catch (ArgumentException)
        {
            // BouncyCastle reports x ≥ p, off-curve points and non-residues this way.
            return null;
        }
    }
}
