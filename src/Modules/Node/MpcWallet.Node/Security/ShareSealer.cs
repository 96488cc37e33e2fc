using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MpcWallet.Node.Security;

/// <summary>
/// AES-256-GCM sealing of secrets at rest under the node's key-encryption key. The associated data binds the purpose,
/// the node id, the wallet id and the key version, so a sealed share cannot be moved to another node, wallet or
/// version without failing authentication. Layout: version (1) ‖ nonce (12) ‖ ciphertext ‖ tag (16).
/// One sealer serves every concurrent session of its node, and <see cref="AesGcm"/> instances are not thread-safe
/// (documented; on OpenSSL one cipher context is reused per call), so every use goes through one lock.
/// </summary>
internal sealed class ShareSealer : IDisposable
{
    private const byte FormatVersion = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private readonly AesGcm _aes;
    private readonly Lock _lock = new();
    private readonly string _nodeId;

    public ShareSealer(ReadOnlySpan<byte> keyEncryptionKey, string nodeId)
    {
        if (keyEncryptionKey.Length != 32)
        {
            throw new ArgumentException("the key-encryption key must be 32 bytes", nameof(keyEncryptionKey));
        }

        _aes = new AesGcm(keyEncryptionKey, TagLength);
        _nodeId = nodeId;
    }

    public byte[] Seal(string purpose, string walletId, long keyVersion, ReadOnlySpan<byte> plaintext)
    {
        var sealedBytes = new byte[1 + NonceLength + plaintext.Length + TagLength];
        sealedBytes[0] = FormatVersion;
        var nonce = sealedBytes.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        var associatedData = AssociatedData(purpose, walletId, keyVersion);
        lock (_lock)
        {
            _aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(1 + NonceLength, plaintext.Length), sealedBytes.AsSpan(^TagLength), associatedData);
        }

        return sealedBytes;
    }

    /// <summary>Opens a sealed secret; the caller owns (and must clear) the returned plaintext.</summary>
    /// <exception cref="CryptographicException">wrong key, wrong binding, or tampered bytes.</exception>
    public byte[] Open(string purpose, string walletId, long keyVersion, ReadOnlySpan<byte> sealedBytes)
    {
        if (sealedBytes.Length < 1 + NonceLength + TagLength || sealedBytes[0] != FormatVersion)
        {
            throw new CryptographicException("not a sealed value of a known format");
        }

        var plaintext = new byte[sealedBytes.Length - 1 - NonceLength - TagLength];
        var associatedData = AssociatedData(purpose, walletId, keyVersion);
        lock (_lock)
        {
            _aes.Decrypt(sealedBytes.Slice(1, NonceLength), sealedBytes.Slice(1 + NonceLength, plaintext.Length), sealedBytes[^TagLength..], plaintext, associatedData);
        }

        return plaintext;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _aes.Dispose();
        }
    }

    private byte[] AssociatedData(string purpose, string walletId, long keyVersion)
    {
        var parts = new[] { "mpcwallet/sealed/v1", purpose, _nodeId, walletId };
        var buffer = new List<byte>();
        var scratch = new byte[8];
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            BinaryPrimitives.WriteInt32BigEndian(scratch, bytes.Length);
            buffer.AddRange(scratch.AsSpan(0, 4).ToArray());
            buffer.AddRange(bytes);
        }

        BinaryPrimitives.WriteInt64BigEndian(scratch, keyVersion);
        buffer.AddRange(scratch);
        return [.. buffer];
    }
}
