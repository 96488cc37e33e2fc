using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MpcWallet.Mpc.Randomness;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc7748;
using BcChaCha20Poly1305 = Org.BouncyCastle.Crypto.Modes.ChaCha20Poly1305;

namespace MpcWallet.Mpc.Backup;

/// <summary>
/// RFC 9180 Hybrid Public Key Encryption, base mode, single shot, for exactly one suite: DHKEM(X25519, HKDF-SHA256)
/// (kem_id 0x0020), HKDF-SHA256 (kdf_id 0x0001), ChaCha20-Poly1305 (aead_id 0x0003). Written from the RFC and checked
/// against its test vectors (appendix A.2.1). Only sequence number 0 is ever used: one message per encapsulation.
/// </summary>
internal static class Hpke
{
    public const ushort KemId = 0x0020;
    public const ushort KdfId = 0x0001;
    public const ushort AeadId = 0x0003;
    public const int KeyLength = 32;
    public const int EncapsulatedKeyLength = 32;
    public const int TagLength = 16;

    private const int NonceLength = 12;
    private const byte ModeBase = 0x00;
    private static readonly byte[] Version = Encoding.ASCII.GetBytes("HPKE-v1");
    private static readonly byte[] KemSuite = [.. "KEM"u8, 0x00, 0x20];
    private static readonly byte[] HpkeSuite = [.. "HPKE"u8, 0x00, 0x20, 0x00, 0x01, 0x00, 0x03];

    /// <summary>Encapsulates to <paramref name="recipientPublicKey"/> with a fresh ephemeral key and seals one message.</summary>
    public static (byte[] Enc, byte[] Ciphertext) Seal(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> info, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext, IRandomSource random)
    {
        var ephemeral = new byte[KeyLength];
        random.Fill(ephemeral);
        try
        {
            return SealWithEphemeral(ephemeral, recipientPublicKey, info, aad, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ephemeral);
        }
    }

    /// <summary>The sender side with a given ephemeral private key (tests use the RFC's).</summary>
    internal static (byte[] Enc, byte[] Ciphertext) SealWithEphemeral(ReadOnlySpan<byte> ephemeralPrivate, ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> info, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> plaintext)
    {
        var enc = PublicKeyOf(ephemeralPrivate);
        var sharedSecret = SharedSecret(ephemeralPrivate, recipientPublicKey, enc, recipientPublicKey)
            ?? throw new ArgumentException("the recipient public key is a small-order point", nameof(recipientPublicKey));
        var (key, nonce) = KeySchedule(sharedSecret, info);
        try
        {
            return (enc, Aead(encrypt: true, key, nonce, aad, plaintext)!);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(sharedSecret);
        }
    }

    /// <summary>Decapsulates and opens; null when the DH output is degenerate or the ciphertext does not authenticate.</summary>
    public static byte[]? Open(ReadOnlySpan<byte> recipientPrivateKey, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> info, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext)
    {
        if (enc.Length != EncapsulatedKeyLength || ciphertext.Length < TagLength)
        {
            return null;
        }

        var sharedSecret = SharedSecret(recipientPrivateKey, enc, enc, PublicKeyOf(recipientPrivateKey));
        if (sharedSecret is null)
        {
            return null;
        }

        var (key, nonce) = KeySchedule(sharedSecret, info);
        try
        {
            return Aead(encrypt: false, key, nonce, aad, ciphertext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(sharedSecret);
        }
    }

    public static byte[] PublicKeyOf(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != KeyLength)
        {
            throw new ArgumentException($"an X25519 private key is {KeyLength} bytes");
        }

        var publicKey = new byte[KeyLength];
        X25519.GeneratePublicKey(privateKey, publicKey);
        return publicKey;
    }

    /// <summary>DHKEM ExtractAndExpand: shared_secret = LabeledExpand(LabeledExtract("", "eae_prk", dh), "shared_secret", enc ‖ pkR, 32).</summary>
    internal static byte[]? SharedSecret(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublicKey, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> recipientPublicKey)
    {
        var dh = new byte[KeyLength];
        try
        {
            // RFC 9180 §7.1.4: an all-zero X25519 output (a small-order peer key) must abort.
            if (!X25519.CalculateAgreement(privateKey, peerPublicKey, dh))
            {
                return null;
            }

            var prk = LabeledExtract(KemSuite, [], "eae_prk", dh);
            var result = LabeledExpand(KemSuite, prk, "shared_secret", [.. enc, .. recipientPublicKey], KeyLength);
            CryptographicOperations.ZeroMemory(prk);
            return result;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dh);
        }
    }

    /// <summary>Base-mode key schedule (empty PSK and PSK id): the AEAD key and base nonce.</summary>
    internal static (byte[] Key, byte[] BaseNonce) KeySchedule(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> info)
    {
        var pskIdHash = LabeledExtract(HpkeSuite, [], "psk_id_hash", []);
        var infoHash = LabeledExtract(HpkeSuite, [], "info_hash", info);
        byte[] context = [ModeBase, .. pskIdHash, .. infoHash];
        var secret = LabeledExtract(HpkeSuite, sharedSecret, "secret", []);
        var key = LabeledExpand(HpkeSuite, secret, "key", context, KeyLength);
        var nonce = LabeledExpand(HpkeSuite, secret, "base_nonce", context, NonceLength);
        CryptographicOperations.ZeroMemory(secret);
        return (key, nonce);
    }

    private static byte[] LabeledExtract(byte[] suite, ReadOnlySpan<byte> salt, string label, ReadOnlySpan<byte> ikm)
    {
        byte[] labeled = [.. Version, .. suite, .. Encoding.ASCII.GetBytes(label), .. ikm];
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, labeled, salt.ToArray());
        CryptographicOperations.ZeroMemory(labeled);
        return prk;
    }

    private static byte[] LabeledExpand(byte[] suite, byte[] prk, string label, ReadOnlySpan<byte> info, int length)
    {
        var prefix = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(prefix, (ushort)length);
        byte[] labeled = [.. prefix, .. Version, .. suite, .. Encoding.ASCII.GetBytes(label), .. info];
        return HKDF.Expand(HashAlgorithmName.SHA256, prk, length, labeled);
    }

    /// <summary>ChaCha20-Poly1305 (the suite's AEAD); null when opening fails.</summary>
    internal static byte[]? Aead(bool encrypt, byte[] key, byte[] nonce, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> input)
    {
        var aead = new BcChaCha20Poly1305();
        aead.Init(encrypt, new AeadParameters(new KeyParameter(key), TagLength * 8, nonce, aad.ToArray()));
        var output = new byte[aead.GetOutputSize(input.Length)];
        var buffer = input.ToArray();
        try
        {
            var written = aead.ProcessBytes(buffer, 0, buffer.Length, output, 0);
            written += aead.DoFinal(output, written);
            return written == output.Length ? output : output[..written];
        }
        catch (Org.BouncyCastle.Crypto.InvalidCipherTextException)
        {
            CryptographicOperations.ZeroMemory(output);
            return null;
        }
        finally
        {
            // When sealing, the buffer is a copy of the plaintext.
            CryptographicOperations.ZeroMemory(buffer);
        }
    }
}
