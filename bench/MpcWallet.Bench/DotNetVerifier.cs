using System.Security.Cryptography;
using MpcWallet.Mpc.Signing;

namespace MpcWallet.Bench;

/// <summary>An ECDSA check independent of the engine: .NET's (OpenSSL) secp256k1 verifier, plus the low-s rule.</summary>
internal static class DotNetVerifier
{
    private static readonly System.Numerics.BigInteger HalfOrder =
        System.Numerics.BigInteger.Parse("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", System.Globalization.NumberStyles.HexNumber);

    public static bool Verify(MpcWallet.Mpc.Curve.Point publicKey, byte[] digest, EcdsaSignature signature) =>
        Verify(publicKey, digest, signature.R, signature.S);

    public static bool Verify(MpcWallet.Mpc.Curve.Point publicKey, byte[] digest, byte[] r, byte[] s)
    {
        var uncompressed = publicKey.EncodeUncompressed();
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.CreateFromFriendlyName("secP256k1"),
            Q = new ECPoint { X = uncompressed[1..33], Y = uncompressed[33..65] },
        });
        var lowS = r.Length == 32 && s.Length == 32 && new System.Numerics.BigInteger(s, isUnsigned: true, isBigEndian: true) <= HalfOrder;
        return lowS && ecdsa.VerifyHash(digest, (byte[])[.. r, .. s]);
    }
}
