using System.Security.Cryptography;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Backup;

/// <summary>
/// One plaintext sealed so that any one of several X25519 keys can open it (a partial signature for every enrolled
/// coordinator instance): a fresh 32-byte content key encrypts the plaintext once (ChaCha20-Poly1305, the HPKE
/// suite's AEAD, zero nonce: the key is used for exactly one message), and the content key is wrapped to each
/// recipient with <see cref="Hpke"/> (RFC 9180 base mode, the same implementation as share backups). The caller's
/// <c>info</c> names the purpose; its associated data is authenticated by the content encryption and by every wrap.
/// Format (version 1): version ‖ recipient count (1..16) ‖ per recipient (public key 32 ‖ enc 32 ‖ wrapped key 48) ‖
/// ciphertext ‖ 16-byte tag.
/// </summary>
public static class RecipientEnvelope
{
    public const int MaxRecipients = 16;

    private const byte FormatVersion = 1;
    private const int ContentKeyLength = 32;
    private const int WrappedKeyLength = ContentKeyLength + Hpke.TagLength;
    private const int EntryLength = Hpke.KeyLength + Hpke.EncapsulatedKeyLength + WrappedKeyLength;
    private const int NonceLength = 12;

    public static byte[] Seal(ReadOnlySpan<byte> plaintext, IReadOnlyList<byte[]> recipientPublicKeys, ReadOnlySpan<byte> info, ReadOnlySpan<byte> associatedData, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(recipientPublicKeys);
        ArgumentNullException.ThrowIfNull(random);
        if (recipientPublicKeys.Count is 0 or > MaxRecipients)
        {
            throw new ArgumentException($"an envelope has 1 to {MaxRecipients} recipients", nameof(recipientPublicKeys));
        }

        var contentKey = new byte[ContentKeyLength];
        random.Fill(contentKey);
        try
        {
            var ciphertext = Hpke.Aead(encrypt: true, contentKey, new byte[NonceLength], associatedData, plaintext)!;
            var envelope = new byte[2 + (recipientPublicKeys.Count * EntryLength) + ciphertext.Length];
            envelope[0] = FormatVersion;
            envelope[1] = (byte)recipientPublicKeys.Count;
            var offset = 2;
            foreach (var recipient in recipientPublicKeys)
            {
                if (recipient is not { Length: Hpke.KeyLength })
                {
                    throw new ArgumentException($"a recipient key is {Hpke.KeyLength} bytes", nameof(recipientPublicKeys));
                }

                var (enc, wrapped) = Hpke.Seal(recipient, info, associatedData, contentKey, random);
                recipient.CopyTo(envelope, offset);
                enc.CopyTo(envelope, offset + Hpke.KeyLength);
                wrapped.CopyTo(envelope, offset + Hpke.KeyLength + Hpke.EncapsulatedKeyLength);
                offset += EntryLength;
            }

            ciphertext.CopyTo(envelope, offset);
            return envelope;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }

    /// <summary>
    /// The plaintext, or null when the envelope is malformed, is not addressed to this key, or does not authenticate
    /// (under this <paramref name="info"/> and <paramref name="associatedData"/>).
    /// </summary>
    public static byte[]? Open(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> recipientPrivateKey, ReadOnlySpan<byte> info, ReadOnlySpan<byte> associatedData)
    {
        if (envelope.Length < 2 || envelope[0] != FormatVersion || envelope[1] is 0 or > MaxRecipients)
        {
            return null;
        }

        var entries = envelope[1];
        var contentOffset = 2 + (entries * EntryLength);
        if (envelope.Length < contentOffset + Hpke.TagLength)
        {
            return null;
        }

        var self = Hpke.PublicKeyOf(recipientPrivateKey);
        for (var i = 0; i < entries; i++)
        {
            var entry = envelope.Slice(2 + (i * EntryLength), EntryLength);
            if (!entry[..Hpke.KeyLength].SequenceEqual(self))
            {
                continue;
            }

            var contentKey = Hpke.Open(recipientPrivateKey, entry.Slice(Hpke.KeyLength, Hpke.EncapsulatedKeyLength), info, associatedData, entry[(Hpke.KeyLength + Hpke.EncapsulatedKeyLength)..]);
            if (contentKey is null)
            {
                return null;
            }

            try
            {
                return contentKey.Length == ContentKeyLength
                    ? Hpke.Aead(encrypt: false, contentKey, new byte[NonceLength], associatedData, envelope[contentOffset..])
                    : null;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(contentKey);
            }
        }

        return null;
    }
}
