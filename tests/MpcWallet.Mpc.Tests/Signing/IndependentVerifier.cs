using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Signing;
using Org.BouncyCastle.Crypto.Digests;

namespace MpcWallet.Mpc.Tests.Signing;

/// <summary>Checks that do not use the engine's own ECDSA code: .NET's (OpenSSL) ECDSA verifier and Keccak addresses.</summary>
internal static class IndependentVerifier
{
    public static bool VerifyWithDotNet(Point publicKey, ReadOnlySpan<byte> digest, EcdsaSignature signature)
    {
        var uncompressed = publicKey.EncodeUncompressed();
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.CreateFromFriendlyName("secP256k1"),
            Q = new ECPoint { X = uncompressed[1..33], Y = uncompressed[33..65] },
        });
        return ecdsa.VerifyHash(digest, [.. signature.R, .. signature.S]);
    }

    /// <summary>Ethereum address: last 20 bytes of Keccak-256 (not SHA3-256) of the 64-byte uncompressed point.</summary>
    public static string Address(Point publicKey)
    {
        var uncompressed = publicKey.EncodeUncompressed();
        var keccak = new KeccakDigest(256);
        keccak.BlockUpdate(uncompressed, 1, 64);
        var hash = new byte[32];
        keccak.DoFinal(hash, 0);
        return "0x" + Convert.ToHexStringLower(hash, 12, 20);
    }

    public static byte[] Keccak256(byte[] data)
    {
        var keccak = new KeccakDigest(256);
        keccak.BlockUpdate(data, 0, data.Length);
        var hash = new byte[32];
        keccak.DoFinal(hash, 0);
        return hash;
    }
}
