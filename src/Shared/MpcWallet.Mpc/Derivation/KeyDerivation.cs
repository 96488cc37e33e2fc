using System.Buffers.Binary;
using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Derivation;

/// <summary>
/// BIP32 public child derivation (CKDpub) for non-hardened paths. Hardened steps need the parent private key, which
/// no party has, so they are rejected. The signers add the returned tweak to their Shamir shares (λ_i-weighted sum
/// of shares + δ = child key, because the Lagrange weights sum to one).
/// </summary>
public static class KeyDerivation
{
    public const uint HardenedOffset = 0x8000_0000;
    public const int ChainCodeLength = 32;

    /// <summary>Longest accepted path; BIP32 depth is one byte, and real wallets use at most 5–6 levels.</summary>
    public const int MaxDepth = 255;

    public static DerivedKey DeriveChild(Point publicKey, byte[] chainCode, IReadOnlyList<uint> path)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(chainCode);
        ArgumentNullException.ThrowIfNull(path);
        if (publicKey.IsIdentity)
        {
            throw new ArgumentException("the parent public key must not be the identity", nameof(publicKey));
        }

        if (chainCode.Length != ChainCodeLength)
        {
            throw new ArgumentException($"a chain code is {ChainCodeLength} bytes", nameof(chainCode));
        }

        if (path.Count > MaxDepth)
        {
            throw new ArgumentException($"derivation paths are at most {MaxDepth} steps", nameof(path));
        }

        for (var depth = 0; depth < path.Count; depth++)
        {
            if (path[depth] >= HardenedOffset)
            {
                throw new ArgumentException($"hardened index at path position {depth} cannot be derived from public data", nameof(path));
            }
        }

        var tweak = Scalar.Zero;
        var key = publicKey;
        var code = (byte[])chainCode.Clone();
        Span<byte> data = stackalloc byte[Point.EncodedLength + 4];
        Span<byte> digest = stackalloc byte[64];
        for (var depth = 0; depth < path.Count; depth++)
        {
            key.WriteTo(data);
            BinaryPrimitives.WriteUInt32BigEndian(data[Point.EncodedLength..], path[depth]);
            HMACSHA512.HashData(code, data, digest);
            if (!Scalar.TryFromCanonical(digest[..32], out var step))
            {
                throw new InvalidChildIndexException(path[depth], depth);
            }

            var child = key + Point.MultiplyGenerator(step);
            if (child.IsIdentity)
            {
                throw new InvalidChildIndexException(path[depth], depth);
            }

            tweak += step;
            key = child;
            code = digest[32..].ToArray();
        }

        return new DerivedKey(tweak, key, code);
    }
}
