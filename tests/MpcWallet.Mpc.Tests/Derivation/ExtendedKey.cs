using System.Numerics;
using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Tests.Derivation;

/// <summary>Test-only BIP32 extended key parser (Base58Check, 78-byte payload) for the published test vectors.</summary>
internal sealed class ExtendedKey
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private ExtendedKey(byte[] chainCode, Point publicKey, Scalar? privateKey)
    {
        ChainCode = chainCode;
        PublicKey = publicKey;
        PrivateKey = privateKey;
    }

    public byte[] ChainCode { get; }

    public Point PublicKey { get; }

    public Scalar? PrivateKey { get; }

    public static ExtendedKey Parse(string encoded)
    {
        var payload = Base58CheckDecode(encoded);
        Assert.Equal(78, payload.Length);
        var version = Convert.ToHexStringLower(payload.AsSpan(0, 4));
        var chainCode = payload[13..45];
        var key = payload[45..78];
        switch (version)
        {
            case "0488b21e":
                return new ExtendedKey(chainCode, Point.Decode(key), null);
            case "0488ade4":
                Assert.Equal(0, key[0]);
                var secret = Scalar.FromCanonical(key.AsSpan(1));
                return new ExtendedKey(chainCode, Point.MultiplyGenerator(secret), secret);
            default:
                throw new FormatException($"unexpected extended key version {version}");
        }
    }

    private static byte[] Base58CheckDecode(string text)
    {
        var value = BigInteger.Zero;
        foreach (var c in text)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                throw new FormatException($"invalid base58 character '{c}'");
            }

            value = (value * 58) + digit;
        }

        var body = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var leadingZeros = text.TakeWhile(c => c == '1').Count();
        var raw = new byte[leadingZeros + body.Length];
        body.CopyTo(raw, leadingZeros);
        if (raw.Length < 4)
        {
            throw new FormatException("too short for a checksum");
        }

        var data = raw[..^4];
        var checksum = SHA256.HashData(SHA256.HashData(data))[..4];
        if (!checksum.AsSpan().SequenceEqual(raw.AsSpan(raw.Length - 4)))
        {
            throw new FormatException("base58check checksum mismatch");
        }

        return data;
    }
}
