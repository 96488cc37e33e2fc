using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Signing;

/// <summary>
/// Plain (single-party) ECDSA verification and SEC 1 §4.1.6 public-key recovery on secp256k1, over 32-byte digests.
/// Public data only, so variable-time arithmetic is fine.
/// </summary>
public static class EcdsaVerification
{
    public static bool Verify(Point publicKey, ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.IsIdentity || digest32.Length != 32
            || !TryNonZero(r, out var rScalar) || !TryNonZero(s, out var sScalar))
        {
            return false;
        }

        var e = Scalar.FromBytesReduced(digest32);
        var w = sScalar.Invert();
        var x = Point.SumOfTwoMultiplies(Point.Generator, e * w, publicKey, rScalar * w);
        return !x.IsIdentity && Scalar.FromBytesReduced(x.AffineX()) == rScalar;
    }

    /// <summary>Q = r⁻¹·(s·R − e·G) with R the point whose x is r + (recid ≥ 2 ? q : 0) and y-parity recid &amp; 1; null if none.</summary>
    public static Point? RecoverPublicKey(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, int recoveryId)
    {
        if (digest32.Length != 32 || recoveryId is < 0 or > 3
            || !TryNonZero(r, out var rScalar) || !TryNonZero(s, out var sScalar))
        {
            return null;
        }

        var x = new System.Numerics.BigInteger(r, isUnsigned: true, isBigEndian: true);
        if (recoveryId >= 2)
        {
            x += Secp256k1.OrderNumerics;
        }

        if (x >= Secp256k1.FieldPrimeNumerics)
        {
            return null;
        }

        var encoded = new byte[Point.EncodedLength];
        encoded[0] = (byte)((recoveryId & 1) == 0 ? 0x02 : 0x03);
        var xBytes = x.ToByteArray(isUnsigned: true, isBigEndian: true);
        xBytes.CopyTo(encoded, Point.EncodedLength - xBytes.Length);
        if (!Point.TryDecode(encoded, out var bigR))
        {
            return null;
        }

        var e = Scalar.FromBytesReduced(digest32);
        var rInverse = rScalar.Invert();
        var q = Point.SumOfTwoMultiplies(bigR, sScalar * rInverse, Point.Generator, -(e * rInverse));
        return q.IsIdentity ? null : q;
    }

    private static bool TryNonZero(ReadOnlySpan<byte> bytes, out Scalar scalar) =>
        Scalar.TryFromCanonical(bytes, out scalar) && !scalar.IsZero;
}
