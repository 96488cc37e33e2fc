using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Math;

namespace MpcWallet.Coordinator.Signatures.Aggregation;

/// <summary>
/// Independent check of a final signature (secp256k1, BouncyCastle): recover the signer's public key from
/// (digest, r, s, recovery id) and compare it with the expected key. Equality proves the signature valid for that
/// key and the recovery id right, which is what Ethereum's ecrecover will rely on.
/// </summary>
internal static class EcdsaRecovery
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");

    public static bool Matches(byte[] digest, FinalSignature signature, byte[] expectedCompressedKey) =>
        Recover(digest, signature.R, signature.S, signature.RecoveryId) is { } key && key.AsSpan().SequenceEqual(expectedCompressedKey);

    /// <summary>The compressed public key, or null if the inputs cannot be a valid low-s signature.</summary>
    public static byte[]? Recover(byte[] digest, byte[] r, byte[] s, int recoveryId)
    {
        var n = Curve.N;
        var rValue = new BigInteger(1, r);
        var sValue = new BigInteger(1, s);
        if (digest.Length != 32 || recoveryId is < 0 or > 1 || rValue.SignValue <= 0 || rValue.CompareTo(n) >= 0
            || sValue.SignValue <= 0 || sValue.CompareTo(n.ShiftRight(1)) > 0)
        {
            return null;
        }

        var encoded = new byte[33];
        encoded[0] = (byte)(recoveryId == 0 ? 0x02 : 0x03);
        rValue.ToByteArrayUnsigned().CopyTo(encoded, 33 - rValue.ToByteArrayUnsigned().Length);
        Org.BouncyCastle.Math.EC.ECPoint point;
        try
        {
            point = Curve.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var e = new BigInteger(1, digest).Mod(n);
        var rInverse = rValue.ModInverse(n);
        var q = point.Multiply(sValue).Subtract(Curve.G.Multiply(e)).Multiply(rInverse).Normalize();
        return q.IsInfinity ? null : q.GetEncoded(true);
    }
}
