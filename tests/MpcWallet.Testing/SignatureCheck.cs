using System.Text.Json;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Xunit;

namespace MpcWallet.Testing;

/// <summary>
/// Checks a signature resource independently of the product code: BouncyCastle ECDSA verification against the
/// wallet key, low-s, and public-key recovery from (digest, r, s, v) to the wallet's address, as ecrecover does.
/// </summary>
public static class SignatureCheck
{
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");

    public static void AssertValid(JsonElement signature, JsonElement wallet, byte[] expectedDigest)
    {
        Assert.Equal("completed", signature.GetProperty("status").GetString());
        var digest = Hex(signature.GetProperty("digest").GetString()!);
        Assert.Equal(expectedDigest, digest);
        var r = new BigInteger(1, Hex(signature.GetProperty("r").GetString()!));
        var s = new BigInteger(1, Hex(signature.GetProperty("s").GetString()!));
        var v = signature.GetProperty("v").GetInt32();
        Assert.InRange(v, 27, 28);
        Assert.True(s.CompareTo(Curve.N.ShiftRight(1)) <= 0, "s must be low (EIP-2)");
        var compact = Hex(signature.GetProperty("signature").GetString()!);
        Assert.Equal(65, compact.Length);
        Assert.Equal(v, compact[64]);

        var publicKey = Curve.Curve.DecodePoint(Hex(wallet.GetProperty("publicKey").GetString()!));
        var verifier = new ECDsaSigner();
        verifier.Init(false, new ECPublicKeyParameters(publicKey, new ECDomainParameters(Curve)));
        Assert.True(verifier.VerifySignature(digest, r, s), "the signature does not verify against the wallet key");

        var recovered = Recover(digest, r, s, v - 27);
        Assert.Equal(wallet.GetProperty("address").GetString()!.ToLowerInvariant(), AddressOf(recovered));
    }

    public static string AddressOf(Org.BouncyCastle.Math.EC.ECPoint point)
    {
        var uncompressed = point.Normalize().GetEncoded(false);
        var keccak = new KeccakDigest(256);
        keccak.BlockUpdate(uncompressed, 1, 64);
        var hash = new byte[32];
        keccak.DoFinal(hash, 0);
        return "0x" + Convert.ToHexStringLower(hash.AsSpan(12));
    }

    /// <summary>EIP-55 spelling of a lowercase 0x address.</summary>
    public static string Checksummed(string lowercase)
    {
        var hex = lowercase[2..];
        var hash = Keccak(System.Text.Encoding.ASCII.GetBytes(hex));
        var letters = hex.Select((c, i) => ((hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf) >= 8 ? char.ToUpperInvariant(c) : c);
        return "0x" + new string(letters.ToArray());
    }

    public static byte[] Keccak(byte[] data)
    {
        var keccak = new KeccakDigest(256);
        keccak.BlockUpdate(data, 0, data.Length);
        var hash = new byte[32];
        keccak.DoFinal(hash, 0);
        return hash;
    }

    public static byte[] RandomDigest() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    public static string ToHex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);

    public static byte[] Hex(string text) => Convert.FromHexString(text.StartsWith("0x", StringComparison.Ordinal) ? text[2..] : text);

    private static Org.BouncyCastle.Math.EC.ECPoint Recover(byte[] digest, BigInteger r, BigInteger s, int recoveryId)
    {
        var encoded = new byte[33];
        encoded[0] = (byte)(0x02 + recoveryId);
        var rBytes = r.ToByteArrayUnsigned();
        rBytes.CopyTo(encoded, 33 - rBytes.Length);
        var point = Curve.Curve.DecodePoint(encoded);
        var e = new BigInteger(1, digest);
        var rInverse = r.ModInverse(Curve.N);
        return point.Multiply(s).Subtract(Curve.G.Multiply(e)).Multiply(rInverse).Normalize();
    }
}
