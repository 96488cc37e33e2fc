using System.Security.Cryptography;
using MpcWallet.Mpc.Backup;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace MpcWallet.Infrastructure.Trust;

/// <summary>
/// A coordinator instance's keys (docs/design-trust.md): Ed25519 to sign node commands, X25519 that node reports will
/// be encrypted to. Kept in a key file (<c>Coordinator:IdentityKeyFile</c>, 0600): base64 of version 1 ‖ Ed25519 seed
/// (32) ‖ X25519 scalar (32). The public halves go into the cluster manifest (<c>trust coordinator-identity</c>).
/// </summary>
public sealed class CoordinatorIdentity : IDisposable
{
    private const int KeyLength = 32;
    private const int EncodedLength = 1 + (2 * KeyLength);
    private const byte FormatVersion = 1;

    private readonly byte[] _signingSeed;
    private readonly byte[] _encryptionScalar;

    private CoordinatorIdentity(byte[] signingSeed, byte[] encryptionScalar)
    {
        _signingSeed = signingSeed;
        _encryptionScalar = encryptionScalar;
        SigningKey = TaggedSignature.PublicKeyOf(signingSeed);
        EncryptionKey = new byte[KeyLength];
        X25519.GeneratePublicKey(encryptionScalar, EncryptionKey);
    }

    /// <summary>Ed25519 public key (the manifest's <c>signingKey</c>).</summary>
    public byte[] SigningKey { get; }

    /// <summary>X25519 public key (the manifest's <c>encryptionKey</c>).</summary>
    public byte[] EncryptionKey { get; }

    /// <summary>Reads the key file, creating it (0600) with fresh keys when it does not exist.</summary>
    public static CoordinatorIdentity LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            var fresh = new byte[EncodedLength];
            fresh[0] = FormatVersion;
            RandomNumberGenerator.Fill(fresh.AsSpan(1));
            X25519.ClampPrivateKey(fresh.AsSpan(1 + KeyLength));
            try
            {
                KeyFiles.Create(path, fresh);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use that one.
            }
            finally
            {
                CryptographicOperations.ZeroMemory(fresh);
            }
        }

        var encoded = KeyFiles.Read(path, EncodedLength, "the coordinator identity key file");
        try
        {
            if (encoded[0] != FormatVersion)
            {
                throw new InvalidOperationException($"the coordinator identity key file {path} has an unknown format version {encoded[0]}");
            }

            return new CoordinatorIdentity(encoded[1..(1 + KeyLength)], encoded[(1 + KeyLength)..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
        }
    }

    /// <summary>A domain-separated signature (<see cref="TaggedSignature"/>) by this coordinator.</summary>
    public byte[] Sign(string tag, ReadOnlySpan<byte> message) => TaggedSignature.Sign(tag, _signingSeed, message);

    /// <summary>Opens what was sealed to this instance's encryption key (<see cref="PartialSignatureSeal"/>); null if it cannot.</summary>
    public byte[]? Open(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> info, ReadOnlySpan<byte> associatedData) =>
        RecipientEnvelope.Open(envelope, _encryptionScalar, info, associatedData);

    /// <summary>This coordinator's entry for a manifest draft.</summary>
    public ManifestDraft.Coordinator ManifestEntry(string instanceId) => new()
    {
        Id = instanceId,
        SigningKey = Convert.ToBase64String(SigningKey),
        EncryptionKey = Convert.ToBase64String(EncryptionKey),
    };

    /// <summary>True when the manifest lists exactly these public keys.</summary>
    public bool Matches(ManifestCoordinator entry) =>
        entry.SigningKey.AsSpan().SequenceEqual(SigningKey) && entry.EncryptionKey.AsSpan().SequenceEqual(EncryptionKey);

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_signingSeed);
        CryptographicOperations.ZeroMemory(_encryptionScalar);
    }

    public override string ToString() => $"coordinator identity {Convert.ToHexStringLower(SigningKey)[..16]}";
}
