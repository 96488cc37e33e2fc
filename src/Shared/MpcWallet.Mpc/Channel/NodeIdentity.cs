using System.Security.Cryptography;
using MpcWallet.Mpc.Randomness;
using Org.BouncyCastle.Math.EC.Rfc7748;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// A node's long-term key pair: an Ed25519 signing key (authenticates its broadcasts) and an X25519 agreement key
/// (derives the per-direction keys of its direct messages). The private keys live in arrays this object owns and
/// wipes on <see cref="Dispose"/>; BouncyCastle is only called through its stateless RFC 8032/7748 functions, so it
/// keeps no copies.
/// </summary>
public sealed class NodeIdentity : IDisposable
{
    /// <summary>Private export: format version, Ed25519 seed (32), X25519 scalar (32).</summary>
    public const int PrivateEncodingLength = 1 + (2 * KeyLength);

    private const int KeyLength = 32;
    private const byte PrivateFormatVersion = 1;

    private readonly byte[] _signingSeed;
    private readonly byte[] _agreementKey;
    private bool _disposed;

    private NodeIdentity(byte[] signingSeed, byte[] agreementKey)
    {
        _signingSeed = signingSeed;
        _agreementKey = agreementKey;
        Span<byte> signingPublic = stackalloc byte[KeyLength];
        Span<byte> agreementPublic = stackalloc byte[KeyLength];
        Ed25519.GeneratePublicKey(_signingSeed, signingPublic);
        X25519.GeneratePublicKey(_agreementKey, agreementPublic);
        Public = NodeIdentityPublic.FromKeys(signingPublic, agreementPublic);
    }

    public NodeIdentityPublic Public { get; }

    public static NodeIdentity Generate(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var signingSeed = new byte[KeyLength];
        var agreementKey = new byte[KeyLength];
        random.Fill(signingSeed);
        random.Fill(agreementKey);
        X25519.ClampPrivateKey(agreementKey);
        return new NodeIdentity(signingSeed, agreementKey);
    }

    /// <summary>
    /// Restores an identity from <see cref="ExportPrivate"/> output. Throws <see cref="MpcDecodeException"/> for a
    /// wrong length or an unknown format version. Every 32-byte string is a valid key of either kind.
    /// </summary>
    public static NodeIdentity ImportPrivate(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != PrivateEncodingLength)
        {
            throw new MpcDecodeException($"a private node identity is {PrivateEncodingLength} bytes");
        }

        if (encoded[0] != PrivateFormatVersion)
        {
            throw new MpcDecodeException($"unsupported private node identity version {encoded[0]}");
        }

        return new NodeIdentity(encoded.Slice(1, KeyLength).ToArray(), encoded.Slice(1 + KeyLength, KeyLength).ToArray());
    }

    /// <summary>The private keys in the clear: the caller seals them at rest and wipes this array after use.</summary>
    public byte[] ExportPrivate()
    {
        ThrowIfDisposed();
        var encoded = new byte[PrivateEncodingLength];
        encoded[0] = PrivateFormatVersion;
        _signingSeed.CopyTo(encoded, 1);
        _agreementKey.CopyTo(encoded, 1 + KeyLength);
        return encoded;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(_signingSeed);
        CryptographicOperations.ZeroMemory(_agreementKey);
        _disposed = true;
    }

    /// <summary>Only the public fingerprint: an identity must never print its keys.</summary>
    public override string ToString() => $"identity of {Public}";

    /// <summary>
    /// Ed25519 by this identity over a message of another layer (a signed broker report: MpcWallet.Infrastructure's
    /// TaggedSignature, tag ‖ 0x00 ‖ content). Every signature the channel layer makes is over a 32-byte transcript
    /// digest, so a message longer than that can never be mistaken for one; shorter messages are refused.
    /// </summary>
    public byte[] SignOutsideChannel(ReadOnlySpan<byte> message)
    {
        if (message.Length <= 32)
        {
            throw new ArgumentException("a message signed outside the channel layer must be longer than a channel transcript digest (32 bytes)", nameof(message));
        }

        var signature = new byte[Ed25519.SignatureSize];
        Sign(message, signature);
        return signature;
    }

    internal void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        ThrowIfDisposed();
        Ed25519.Sign(_signingSeed, Public.SigningKey, message, signature);
    }

    /// <summary>
    /// The raw X25519 shared secret with <paramref name="peer"/>. Peers' keys are validated when decoded, so the
    /// all-zero result cannot occur; it is still checked because a zero secret would silently give public keys.
    /// </summary>
    internal void Agree(NodeIdentityPublic peer, Span<byte> sharedSecret)
    {
        ThrowIfDisposed();
        if (!X25519.CalculateAgreement(_agreementKey, peer.AgreementKey, sharedSecret))
        {
            throw new InvalidOperationException("X25519 agreement produced the all-zero secret");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
