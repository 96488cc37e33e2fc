using System.Security.Cryptography;
using MpcWallet.Mpc.Hashing;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// The public half of a node's long-term identity, as the coordinator distributes it: the Ed25519 verification key
/// followed by the X25519 agreement key (64 bytes). Both keys are validated on construction, so a directory never
/// holds a key that would make an agreement degenerate (small-order X25519 point) or a signature check meaningless
/// (small-order or non-canonical Ed25519 point).
/// </summary>
public sealed class NodeIdentityPublic : IEquatable<NodeIdentityPublic>
{
    public const int KeyLength = 32;
    public const int EncodedLength = 2 * KeyLength;
    public const int FingerprintLength = 32;

    private readonly byte[] _signingKey;
    private readonly byte[] _agreementKey;
    private readonly byte[] _fingerprint;

    private NodeIdentityPublic(byte[] signingKey, byte[] agreementKey)
    {
        _signingKey = signingKey;
        _agreementKey = agreementKey;
        using var transcript = new Transcript(HashTags.ChannelNodeFingerprint);
        _fingerprint = transcript.Append(signingKey).Append(agreementKey).Finish();
    }

    /// <summary>Ed25519 verification key (RFC 8032 encoding).</summary>
    public ReadOnlySpan<byte> SigningKey => _signingKey;

    /// <summary>X25519 public key (RFC 7748 u-coordinate, canonical).</summary>
    public ReadOnlySpan<byte> AgreementKey => _agreementKey;

    /// <summary>SHA-256 over the tagged encoding of both keys; stable for the lifetime of the identity.</summary>
    public ReadOnlySpan<byte> Fingerprint => _fingerprint;

    public string FingerprintHex => Convert.ToHexStringLower(_fingerprint);

    public static NodeIdentityPublic Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != EncodedLength)
        {
            throw new MpcDecodeException($"a node identity is {EncodedLength} bytes");
        }

        return FromKeys(encoded[..KeyLength], encoded[KeyLength..]);
    }

    public static bool TryDecode(ReadOnlySpan<byte> encoded, out NodeIdentityPublic? identity)
    {
        try
        {
            identity = Decode(encoded);
            return true;
        }
        catch (MpcDecodeException)
        {
            identity = null;
            return false;
        }
    }

    public byte[] Encode()
    {
        var encoded = new byte[EncodedLength];
        _signingKey.CopyTo(encoded, 0);
        _agreementKey.CopyTo(encoded, KeyLength);
        return encoded;
    }

    public bool Equals(NodeIdentityPublic? other) =>
        other is not null && _fingerprint.AsSpan().SequenceEqual(other._fingerprint);

    public override bool Equals(object? obj) => Equals(obj as NodeIdentityPublic);

    public override int GetHashCode() => BitConverter.ToInt32(_fingerprint, 0);

    public override string ToString() => $"node:{FingerprintHex[..16]}";

    internal static NodeIdentityPublic FromKeys(ReadOnlySpan<byte> signingKey, ReadOnlySpan<byte> agreementKey)
    {
        if (signingKey.Length != KeyLength || !Ed25519.ValidatePublicKeyFull(signingKey) || IsSmallOrderEd25519(signingKey))
        {
            throw new MpcDecodeException("invalid Ed25519 public key");
        }

        if (!X25519PublicKey.IsValid(agreementKey))
        {
            throw new MpcDecodeException("invalid X25519 public key");
        }

        return new NodeIdentityPublic(signingKey.ToArray(), agreementKey.ToArray());
    }

    /// <summary>Verifies an Ed25519 signature by this node over <paramref name="message"/>.</summary>
    internal bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == Ed25519.SignatureSize && Ed25519.Verify(signature, _signingKey, message);

    // ValidatePublicKeyFull checks the point is canonical, on the curve and in the prime-order subgroup; the identity
    // element passes that test, so it is rejected here separately (any signature "verifies" trivially under it in
    // some implementations, and it cannot belong to an honest node).
    private static bool IsSmallOrderEd25519(ReadOnlySpan<byte> key)
    {
        Span<byte> identity = stackalloc byte[KeyLength];
        identity.Clear();
        identity[0] = 1;
        return key.SequenceEqual(identity);
    }
}
