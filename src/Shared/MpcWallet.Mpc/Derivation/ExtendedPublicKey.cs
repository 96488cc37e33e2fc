using System.Buffers.Binary;
using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;
using Org.BouncyCastle.Crypto.Digests;

namespace MpcWallet.Mpc.Derivation;

/// <summary>
/// A BIP32 extended public key ("xpub"): version 0x0488B21E (mainnet public) ‖ depth (1) ‖ parent fingerprint (4,
/// first bytes of HASH160 of the parent's compressed key) ‖ child number (4, big-endian) ‖ chain code (32) ‖
/// compressed public key (33) = 78 bytes, written in <see cref="Base58Check"/>. A threshold wallet publishes the root
/// (depth 0, fingerprint 0, child 0) of its public key and root chain code; anyone can derive its non-hardened
/// children, exactly as <see cref="KeyDerivation"/> does for signing.
/// </summary>
public sealed class ExtendedPublicKey
{
    public const uint MainnetPublicVersion = 0x0488B21E;
    public const int EncodedLength = 78;

    private ExtendedPublicKey(byte depth, uint parentFingerprint, uint childNumber, byte[] chainCode, Point publicKey)
    {
        Depth = depth;
        ParentFingerprint = parentFingerprint;
        ChildNumber = childNumber;
        ChainCode = chainCode;
        PublicKey = publicKey;
    }

    public byte Depth { get; }

    public uint ParentFingerprint { get; }

    /// <summary>The index of the last derivation step (hardened ones only appear in keys parsed from elsewhere).</summary>
    public uint ChildNumber { get; }

    public byte[] ChainCode { get; }

    public Point PublicKey { get; }

    /// <summary>This key's own fingerprint: the first four bytes of RIPEMD-160(SHA-256(compressed key)), big-endian.</summary>
    public uint Fingerprint => BinaryPrimitives.ReadUInt32BigEndian(Hash160(PublicKey.Encode()));

    /// <summary>The root extended key of a wallet (its public key and root chain code).</summary>
    public static ExtendedPublicKey Root(Point publicKey, byte[] chainCode)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(chainCode);
        if (publicKey.IsIdentity || chainCode.Length != KeyDerivation.ChainCodeLength)
        {
            throw new ArgumentException("need a non-identity public key and a 32-byte chain code");
        }

        return new ExtendedPublicKey(0, 0, 0, chainCode.ToArray(), publicKey);
    }

    /// <summary>
    /// The extended key at <paramref name="path"/> below this one (non-hardened steps only; see
    /// <see cref="KeyDerivation.DeriveChild"/> for the errors). The empty path returns this key.
    /// </summary>
    public ExtendedPublicKey Derive(IReadOnlyList<uint> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Count == 0)
        {
            return this;
        }

        if (Depth + path.Count > byte.MaxValue)
        {
            throw new ArgumentException($"an extended key is at most {byte.MaxValue} levels deep", nameof(path));
        }

        var parent = KeyDerivation.DeriveChild(PublicKey, ChainCode, path.Take(path.Count - 1).ToArray());
        var child = KeyDerivation.DeriveChild(parent.PublicKey, parent.ChainCode, [path[^1]]);
        var fingerprint = BinaryPrimitives.ReadUInt32BigEndian(Hash160(parent.PublicKey.Encode()));
        return new ExtendedPublicKey((byte)(Depth + path.Count), fingerprint, path[^1], child.ChainCode, child.PublicKey);
    }

    /// <summary>The 78-byte serialisation.</summary>
    public byte[] Serialize()
    {
        var bytes = new byte[EncodedLength];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, MainnetPublicVersion);
        bytes[4] = Depth;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(5), ParentFingerprint);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(9), ChildNumber);
        ChainCode.CopyTo(bytes, 13);
        PublicKey.WriteTo(bytes.AsSpan(45));
        return bytes;
    }

    /// <summary>The "xpub…" text.</summary>
    public string Encode() => Base58Check.Encode(Serialize());

    public override string ToString() => Encode();

    /// <summary>
    /// Parses an "xpub…" text strictly: Base58Check, 78 bytes, the mainnet public version, a valid compressed point,
    /// and at depth 0 a zero parent fingerprint and child number (BIP32 test vector 5). Throws <see cref="FormatException"/>.
    /// </summary>
    public static ExtendedPublicKey Parse(string text)
    {
        var bytes = Base58Check.Decode(text);
        if (bytes.Length != EncodedLength)
        {
            throw new FormatException($"an extended key is {EncodedLength} bytes, not {bytes.Length}");
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (version != MainnetPublicVersion)
        {
            throw new FormatException($"version 0x{version:x8} is not a mainnet extended public key (0x{MainnetPublicVersion:x8})");
        }

        var depth = bytes[4];
        var parentFingerprint = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5));
        var childNumber = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9));
        if (depth == 0 && (parentFingerprint != 0 || childNumber != 0))
        {
            throw new FormatException("a depth-0 extended key must have a zero parent fingerprint and child number");
        }

        var keyBytes = bytes.AsSpan(45, Point.EncodedLength);
        if (keyBytes[0] is not (0x02 or 0x03) || !Point.TryDecode(keyBytes, out var publicKey) || publicKey.IsIdentity)
        {
            throw new FormatException("the key is not a compressed secp256k1 public key");
        }

        return new ExtendedPublicKey(depth, parentFingerprint, childNumber, bytes[13..45], publicKey);
    }

    private static byte[] Hash160(ReadOnlySpan<byte> data)
    {
        var sha = SHA256.HashData(data);
        var ripemd = new RipeMD160Digest();
        ripemd.BlockUpdate(sha, 0, sha.Length);
        var hash = new byte[ripemd.GetDigestSize()];
        ripemd.DoFinal(hash, 0);
        return hash;
    }
}
