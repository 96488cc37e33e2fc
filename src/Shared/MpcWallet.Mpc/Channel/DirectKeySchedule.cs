using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// Keys and nonces of direct messages. One key per (session, sender → recipient) direction:
/// HKDF-SHA256(ikm = X25519 secret of the pair, salt = session id, info = tag ‖ sender fingerprint ‖ recipient
/// fingerprint ‖ sender index ‖ recipient index ‖ [sender ephemeral ‖ recipient ephemeral] ‖ direction label).
/// With session key offers (<see cref="SessionKeyAgreement"/>) the secret is the agreement of the two ephemeral keys
/// of the session and both ephemeral keys are in the info, so every session of every pair gets keys no earlier
/// session had; the static form (identity keys, no ephemerals) remains only for callers not yet passing offers.
/// The two directions of a pair share the secret but never a key, so equal nonces on both sides are harmless
/// (TOB-SILA-6). The nonce is the round number; a key therefore seals at most one message per round, which
/// <see cref="ChannelProtector"/> enforces on the sending side.
/// </summary>
internal static class DirectKeySchedule
{
    public const int KeyLength = 32;
    public const int NonceLength = 12;

    private static readonly byte[] DirectionLabel = Encoding.ASCII.GetBytes("direction sender->recipient");
    private static readonly byte[] StaticTag = Encoding.ASCII.GetBytes(HashTags.ChannelDirectKey);
    private static readonly byte[] SessionTag = Encoding.ASCII.GetBytes(HashTags.ChannelSessionDirectKey);

    /// <summary>The static form: <paramref name="sharedSecret"/> = X25519 of the two identity agreement keys.</summary>
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
            .WriteVariable(StaticTag)
            .WriteFixed(sender.Fingerprint)
            .WriteFixed(recipient.Fingerprint)
            .WriteByte(checked((byte)senderIndex))
            .WriteByte(checked((byte)recipientIndex))
            .WriteVariable(DirectionLabel)
            .ToArray();
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, key[..KeyLength], sessionId.Span, info);
    }

    /// <summary>The session form: <paramref name="sharedSecret"/> = X25519 of the two ephemeral keys of the session.</summary>
    public static void DeriveSessionKey(
        ReadOnlySpan<byte> sharedSecret,
        SessionId sessionId,
        int senderIndex,
        NodeIdentityPublic sender,
        ReadOnlySpan<byte> senderEphemeral,
        int recipientIndex,
        NodeIdentityPublic recipient,
        ReadOnlySpan<byte> recipientEphemeral,
        Span<byte> key)
    {
        var info = new WireWriter(192)
            .WriteVariable(SessionTag)
            .WriteFixed(sender.Fingerprint)
            .WriteFixed(recipient.Fingerprint)
            .WriteByte(checked((byte)senderIndex))
            .WriteByte(checked((byte)recipientIndex))
            .WriteFixed(senderEphemeral)
            .WriteFixed(recipientEphemeral)
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
