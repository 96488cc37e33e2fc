using System.Diagnostics.CodeAnalysis;
using MpcWallet.Ethereum.Addresses;
using Org.BouncyCastle.Math.EC;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace MpcWallet.Ethereum.Signatures;

/// <summary>
/// Public-key recovery from an ECDSA signature over a 32-byte digest (SEC 1 v2 §4.1.6), restricted to recovery
/// ids 0/1: R = the curve point with x = r and the given y-parity, then Q = r⁻¹·(s·R − e·G).
/// </summary>
public static class SignatureRecovery
{
    /// <summary>The recovered 65-byte uncompressed public key (0x04 || X || Y).</summary>
    public static byte[] RecoverPublicKey(ReadOnlySpan<byte> digest32, Signature signature) =>
        TryRecoverPublicKey(digest32, signature, out var publicKey)
            ? publicKey
            : throw new SignatureException("No public key can be recovered from this signature and digest.");

    public static bool TryRecoverPublicKey(ReadOnlySpan<byte> digest32, Signature signature, [NotNullWhen(true)] out byte[]? publicKey)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (digest32.Length != 32)
        {
            throw new ArgumentException("The digest must be 32 bytes.", nameof(digest32));
        }

        publicKey = null;
        var n = Secp256k1.N;
        var r = new BcBigInteger(1, signature.R.ToBigEndian32());
        var s = new BcBigInteger(1, signature.S.ToBigEndian32());

        // x = r (j = 0 only); r < n < p, so x is a field element. DecodePoint rejects an x with no curve point.
        var compressed = new byte[33];
        compressed[0] = (byte)(0x02 + signature.YParity);
        signature.R.ToBigEndian32().CopyTo(compressed, 1);
        var bigR = Secp256k1.TryDecodePublicKey(compressed);
        if (bigR is null)
        {
            return false;
        }

        // e: the digest as an integer; secp256k1's n has 256 bits, so no truncation is needed.
        var e = new BcBigInteger(1, digest32.ToArray()).Mod(n);
        var rInverse = r.ModInverse(n);
        var u1 = s.Multiply(rInverse).Mod(n);
        var u2 = n.Subtract(e).Multiply(rInverse).Mod(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(bigR, u1, Secp256k1.G, u2).Normalize();
        if (q.IsInfinity)
        {
            return false;
        }

        publicKey = q.GetEncoded(false);
        return true;
    }

    public static EthereumAddress RecoverAddress(ReadOnlySpan<byte> digest32, Signature signature) =>
        EthereumAddress.FromUncompressedXY(RecoverPublicKey(digest32, signature).AsSpan(1));

    public static bool TryRecoverAddress(ReadOnlySpan<byte> digest32, Signature signature, [NotNullWhen(true)] out EthereumAddress? address)
    {
        address = TryRecoverPublicKey(digest32, signature, out var publicKey)
            ? EthereumAddress.FromUncompressedXY(publicKey.AsSpan(1))
            : null;
        return address is not null;
    }

    /// <summary>
    /// For signers that return only (r, s) — e.g. threshold ECDSA without a recovery id: normalises to low s and
    /// picks the y-parity whose recovered address is <paramref name="expected"/>. Throws if neither does (then the
    /// signature is not by that key and must not be used).
    /// </summary>
    public static Signature WithRecoveryIdFor(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> r32, ReadOnlySpan<byte> s32, EthereumAddress expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        for (var parity = 0; parity <= 1; parity++)
        {
            var candidate = Signature.FromRecoverable(r32, s32, parity);
            if (TryRecoverAddress(digest32, candidate, out var recovered) && recovered == expected)
            {
                return candidate;
            }
        }

        throw new SignatureException("The signature does not recover to the expected address with either recovery id.");
    }
}
