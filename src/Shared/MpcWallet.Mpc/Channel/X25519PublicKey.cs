using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// Validation of X25519 public keys received from others (identity agreement keys and per-session ephemeral keys):
/// exactly one encoding per key, and no small-order point that would make an agreement degenerate.
/// </summary>
internal static class X25519PublicKey
{
    public const int Length = 32;

    // Any scalar works for the small-order probe: X25519 clamps it to a multiple of the cofactor, so the result is
    // all-zero exactly when the peer's point has small order.
    private static readonly byte[] SmallOrderProbe = SHA256.HashData("mpcwallet small-order probe"u8);

    public static bool IsValid(ReadOnlySpan<byte> u) => u.Length == Length && IsCanonical(u) && !IsSmallOrder(u);

    // u must be below p = 2^255 - 19 with the top bit clear, so that each key has exactly one encoding (and one
    // fingerprint).
    private static bool IsCanonical(ReadOnlySpan<byte> u)
    {
        if ((u[31] & 0x80) != 0)
        {
            return false;
        }

        if (u[31] != 0x7F || u[0] < 0xED)
        {
            return true;
        }

        for (var i = 1; i < 31; i++)
        {
            if (u[i] != 0xFF)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSmallOrder(ReadOnlySpan<byte> u)
    {
        Span<byte> result = stackalloc byte[Length];
        var ok = X25519.CalculateAgreement(SmallOrderProbe, u, result);
        CryptographicOperations.ZeroMemory(result);
        return !ok;
    }
}
