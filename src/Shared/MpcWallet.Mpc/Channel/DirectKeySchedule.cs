using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// Keys and nonces of direct messages. One key per (session, sender → recipient) direction:
/// HKDF-SHA256(ikm = X25519(sender, recipient), salt = session id,
///             info = tag ‖ sender fingerprint ‖ recipient fingerprint ‖ sender index ‖ recipient index ‖ direction label).
/// The two directions of a pair share the DH secret but never a key, so equal nonces on both sides are harmless
/// (TOB-SILA-6). The nonce is the round number; a key therefore seals at most one message per round, which
/// <see cref="ChannelProtector"/> enforces on the sending side.
/// </summary>
internal static class DirectKeySchedule
{
    public const int KeyLength = 32;
    public const int NonceLength = 12;

    private static readonly byte[] DirectionLabel = Encoding.ASCII.GetBytes("direction sender->recipient");
    private static readonly byte[] Tag = Encoding.ASCII.GetBytes(HashTags.ChannelDirectKey);

    public static void DeriveKey(
        ReadOnlySpan<byte> sharedSecret,
        SessionId sessionId,
        int senderIndex,
        NodeIdentityPublic sender,
        int recipientIndex,
        NodeIdentityPublic recipient,
        Span<byte> key)
    {
        var info = new WireWriter(128)
            .WriteVariable(Tag)
            .WriteFixed(sender.Fingerprint)
            .WriteFixed(recipient.Fingerprint)
            .WriteByte(checked((byte)senderIndex))
            .WriteByte(checked((byte)recipientIndex))
            .WriteVariable(DirectionLabel)
            .ToArray();
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, key[..KeyLength], sessionId.Span, info);
    }

    /// <summary>The round number, big-endian, in the last four bytes of a zero nonce.</summary>
    public static byte[] Nonce(int round)
    {
        var nonce = new byte[NonceLength];
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(NonceLength - 4), checked((uint)round));
        return nonce;
    }
}
