using System.Text;
using MpcWallet.Mpc.Channel;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace MpcWallet.Infrastructure.Trust;

/// <summary>
/// Ed25519 (RFC 8032, pure) over <c>tag (UTF-8) ‖ 0x00 ‖ message</c>: a signature made for one purpose (a cluster
/// manifest, a node command) can never be presented as one for another. Every trust signature goes through here.
/// </summary>
public static class TaggedSignature
{
    /// <summary>The operator's signature over a manifest payload.</summary>
    public const string ClusterManifest = "mpcwallet/cluster-manifest/v1";

    /// <summary>A coordinator instance's signature over a serialized NodeCommand.</summary>
    public const string NodeCommand = "mpcwallet/node-command/v1";

    public const int KeyLength = 32;
    public const int SignatureLength = 64;

    public static byte[] Sign(string tag, ReadOnlySpan<byte> privateSeed, ReadOnlySpan<byte> message)
    {
        if (privateSeed.Length != KeyLength)
        {
            throw new ArgumentException($"an Ed25519 private key is {KeyLength} bytes", nameof(privateSeed));
        }

        Span<byte> publicKey = stackalloc byte[KeyLength];
        Ed25519.GeneratePublicKey(privateSeed, publicKey);
        var signature = new byte[SignatureLength];
        Ed25519.Sign(privateSeed, publicKey, Tagged(tag, message), signature);
        return signature;
    }

    /// <summary>A node's signature by its channel identity (its broker reports, <see cref="BrokerMessageSignatures"/>).</summary>
    public static byte[] Sign(string tag, NodeIdentity identity, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity.SignOutsideChannel(Tagged(tag, message));
    }

    public static bool Verify(string tag, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureLength && IsValidPublicKey(publicKey) && Ed25519.Verify(signature, publicKey, Tagged(tag, message));

    /// <summary>Canonical, on the curve, in the prime-order subgroup, not the identity (under which anything verifies somewhere).</summary>
    public static bool IsValidPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != KeyLength || !Ed25519.ValidatePublicKeyFull(publicKey))
        {
            return false;
        }

        Span<byte> identity = stackalloc byte[KeyLength];
        identity.Clear();
        identity[0] = 1;
        return !publicKey.SequenceEqual(identity);
    }

    public static byte[] PublicKeyOf(ReadOnlySpan<byte> privateSeed)
    {
        var publicKey = new byte[KeyLength];
        Ed25519.GeneratePublicKey(privateSeed, publicKey);
        return publicKey;
    }

    private static byte[] Tagged(string tag, ReadOnlySpan<byte> message)
    {
        var prefix = Encoding.UTF8.GetBytes(tag);
        var tagged = new byte[prefix.Length + 1 + message.Length];
        prefix.CopyTo(tagged, 0);
        message.CopyTo(tagged.AsSpan(prefix.Length + 1));
        return tagged;
    }
}
