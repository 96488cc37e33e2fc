using System.Security.Cryptography;
using System.Text;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Backup;

/// <summary>
/// A node's share of one wallet, encrypted to the operator's offline recovery key with HPKE (RFC 9180 base mode,
/// DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305). The header — recipient, wallet id, node id, party
/// index, threshold, party count, generation, key id, public key, public share — is the associated data, so it is
/// authenticated but readable without the key. Format and checks: docs/engine-backup.md.
/// </summary>
public static class ShareBackup
{
    public const byte FormatVersion = 1;

    /// <summary>Longest wallet or node id, in UTF-8 bytes.</summary>
    public const int MaxIdLength = 256;

    /// <summary>Bound on the ciphertext a reader accepts: a key share is about 24 KiB per counterparty (362 KiB at 16 parties).</summary>
    public const int MaxCiphertextLength = 512 * 1024;

    private static readonly byte[] Magic = "MWSB"u8.ToArray();
    private static readonly byte[] Info = Encoding.ASCII.GetBytes(HashTags.ShareBackupInfo);
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Encrypts <paramref name="share"/> of wallet <paramref name="walletId"/> held by node <paramref name="nodeId"/>.</summary>
    public static byte[] Seal(KeyShare share, string walletId, string nodeId, RecoveryPublicKey recipient, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(random);
        var header = new ShareBackupHeader(recipient, ValidId(walletId, nameof(walletId)), ValidId(nodeId, nameof(nodeId)), share.Self, share.Threshold, share.PartyCount,
            share.Generation, share.KeyId.ToArray(), share.PublicKey, share.PublicShares[share.Self - 1]);
        var plaintext = share.Encode();
        try
        {
            return Seal(header, plaintext, random);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Any header with any content (tests use it to build a backup whose header lies about its share).</summary>
    internal static byte[] Seal(ShareBackupHeader header, byte[] plaintext, IRandomSource random)
    {
        var aad = EncodeHeader(header);
        var (enc, ciphertext) = Hpke.Seal(header.Recipient.Span, Info, aad, plaintext, random);
        return new WireWriter(aad.Length + enc.Length + 4 + ciphertext.Length).WriteFixed(aad).WriteFixed(enc).WriteVariable(ciphertext).ToArray();
    }

    /// <summary>The authenticated header, without decrypting (no key needed). Throws <see cref="ShareBackupException"/>.</summary>
    public static ShareBackupHeader ReadHeader(ReadOnlySpan<byte> backup) => Parse(backup).Header;

    /// <summary>
    /// Decrypts a backup after checking it is for this recovery key and for the expected wallet, node and key, then
    /// checks the decrypted share against its header (s_i·G = S_i included). Throws <see cref="ShareBackupException"/>
    /// with the reason and what differs; nothing is returned unless every check passed.
    /// </summary>
    public static KeyShare Restore(ReadOnlySpan<byte> backup, RecoveryPrivateKey recoveryKey, ShareBackupExpectation expected)
    {
        ArgumentNullException.ThrowIfNull(recoveryKey);
        ArgumentNullException.ThrowIfNull(expected);
        var (header, aadLength, enc, ciphertext) = Parse(backup);
        if (!header.Recipient.Equals(recoveryKey.PublicKey))
        {
            throw new ShareBackupException(ShareBackupFailure.WrongRecoveryKey, $"the backup is encrypted to recovery key {header.Recipient}, not to {recoveryKey.PublicKey}");
        }

        RequireExpected(header, expected);
        var plaintext = recoveryKey.Open(enc, Info, backup[..aadLength], ciphertext)
            ?? throw new ShareBackupException(ShareBackupFailure.Tampered, "the backup does not authenticate: its header or ciphertext was altered");
        try
        {
            KeyShare share;
            try
            {
                share = KeyShare.Decode(plaintext);
            }
            catch (MpcDecodeException e)
            {
                throw new ShareBackupException(ShareBackupFailure.Malformed, $"the decrypted content is not a valid key share: {e.Message}");
            }

            if (share.Self != header.PartyIndex || share.Threshold != header.Threshold || share.PartyCount != header.PartyCount || share.Generation != header.Generation
                || !CryptographicOperations.FixedTimeEquals(share.KeyId, header.KeyId) || !share.PublicKey.Equals(header.PublicKey)
                || !share.PublicShares[share.Self - 1].Equals(header.PublicShare))
            {
                share.Clear();
                throw new ShareBackupException(ShareBackupFailure.Mismatch, "the decrypted share does not match the backup's header");
            }

            return share;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static void RequireExpected(ShareBackupHeader header, ShareBackupExpectation expected)
    {
        void Require(bool same, string what, string found, string wanted)
        {
            if (!same)
            {
                throw new ShareBackupException(ShareBackupFailure.Mismatch, $"the backup is of {what} {found}, expected {wanted}");
            }
        }

        Require(header.WalletId == expected.WalletId, "wallet", Quote(header.WalletId), Quote(expected.WalletId));
        Require(header.NodeId == expected.NodeId, "node", Quote(header.NodeId), Quote(expected.NodeId));
        Require(header.PublicKey.Equals(expected.PublicKey), "public key", Hex(header.PublicKey.Encode()), Hex(expected.PublicKey.Encode()));
        Require(CryptographicOperations.FixedTimeEquals(header.KeyId, expected.KeyId), $"generation {header.Generation} with key id", Hex(header.KeyId), $"key id {Hex(expected.KeyId)} (another generation or key)");
        if (expected.PartyIndex is { } index)
        {
            Require(header.PartyIndex == index, "party", header.PartyIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (expected.PublicShare is { } publicShare)
        {
            Require(header.PublicShare.Equals(publicShare), "public share", Hex(header.PublicShare.Encode()), Hex(publicShare.Encode()));
        }
    }

    private static byte[] EncodeHeader(ShareBackupHeader header)
    {
        var writer = new WireWriter(512).WriteFixed(Magic).WriteByte(FormatVersion)
            .WriteUInt16(Hpke.KemId).WriteUInt16(Hpke.KdfId).WriteUInt16(Hpke.AeadId)
            .WriteFixed(header.Recipient.Span);
        WriteId(writer, header.WalletId);
        WriteId(writer, header.NodeId);
        writer.WriteByte((byte)header.PartyIndex).WriteByte((byte)header.Threshold).WriteByte((byte)header.PartyCount)
            .WriteUInt32(header.Generation).WriteFixed(header.KeyId).WritePoint(header.PublicKey).WritePoint(header.PublicShare);
        return writer.ToArray();
    }

    private static (ShareBackupHeader Header, int AadLength, byte[] Enc, byte[] Ciphertext) Parse(ReadOnlySpan<byte> backup)
    {
        try
        {
            var reader = new WireReader(backup);
            if (!reader.ReadFixed(Magic.Length).SequenceEqual(Magic))
            {
                throw new ShareBackupException(ShareBackupFailure.Malformed, "not a share backup (no MWSB magic)");
            }

            var version = reader.ReadByte();
            if (version != FormatVersion)
            {
                throw new ShareBackupException(ShareBackupFailure.Unsupported, $"share backup format version {version} is not supported (this code reads {FormatVersion})");
            }

            int kem = reader.ReadUInt16(), kdf = reader.ReadUInt16(), aead = reader.ReadUInt16();
            if (kem != Hpke.KemId || kdf != Hpke.KdfId || aead != Hpke.AeadId)
            {
                throw new ShareBackupException(ShareBackupFailure.Unsupported, $"HPKE suite (kem 0x{kem:x4}, kdf 0x{kdf:x4}, aead 0x{aead:x4}) is not supported");
            }

            RecoveryPublicKey recipient;
            try
            {
                recipient = new RecoveryPublicKey(reader.ReadFixed(RecoveryPublicKey.Length));
            }
            catch (ArgumentException e)
            {
                throw new ShareBackupException(ShareBackupFailure.Malformed, $"the recipient key is invalid: {e.Message}");
            }

            var walletId = ReadId(ref reader, "wallet id");
            var nodeId = ReadId(ref reader, "node id");
            int partyIndex = reader.ReadByte(), threshold = reader.ReadByte(), partyCount = reader.ReadByte();
            if (threshold < 2 || threshold > partyCount || partyCount > KeyShare.MaxParties || partyIndex < 1 || partyIndex > partyCount)
            {
                throw new ShareBackupException(ShareBackupFailure.Malformed, "party index, threshold or party count out of range");
            }

            var generation = reader.ReadUInt32();
            var keyId = reader.ReadFixed(32).ToArray();
            var publicKey = reader.ReadPoint();
            var publicShare = reader.ReadPoint();
            var aadLength = backup.Length - reader.Remaining;
            var enc = reader.ReadFixed(Hpke.EncapsulatedKeyLength).ToArray();
            var ciphertext = reader.ReadVariable(MaxCiphertextLength, "ciphertext").ToArray();
            reader.EnsureEnd();
            if (ciphertext.Length < Hpke.TagLength)
            {
                throw new ShareBackupException(ShareBackupFailure.Malformed, "the ciphertext is shorter than its tag");
            }

            return (new ShareBackupHeader(recipient, walletId, nodeId, partyIndex, threshold, partyCount, generation, keyId, publicKey, publicShare), aadLength, enc, ciphertext);
        }
        catch (MpcDecodeException e)
        {
            throw new ShareBackupException(ShareBackupFailure.Malformed, $"malformed share backup: {e.Message}");
        }
    }

    private static void WriteId(WireWriter writer, string id)
    {
        var bytes = StrictUtf8.GetBytes(id);
        writer.WriteUInt16((ushort)bytes.Length).WriteFixed(bytes);
    }

    private static string ReadId(ref WireReader reader, string what)
    {
        var length = reader.ReadUInt16();
        if (length is 0 or > MaxIdLength)
        {
            throw new MpcDecodeException($"{what}: length {length} outside 1..{MaxIdLength}");
        }

        try
        {
            return StrictUtf8.GetString(reader.ReadFixed(length));
        }
        catch (DecoderFallbackException)
        {
            throw new MpcDecodeException($"{what} is not UTF-8");
        }
    }

    private static string ValidId(string id, string name)
    {
        ArgumentNullException.ThrowIfNull(id, name);
        int length;
        try
        {
            length = StrictUtf8.GetByteCount(id);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("must be valid Unicode text", name);
        }

        if (length is 0 or > MaxIdLength)
        {
            throw new ArgumentException($"must be 1 to {MaxIdLength} UTF-8 bytes", name);
        }

        return id;
    }

    private static string Quote(string text) => $"\"{(text.Length <= 80 ? text : text[..80] + "…")}\"";

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
