using System.Buffers.Binary;
using System.Security.Cryptography;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Mpc.Backup;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Security;

/// <summary>
/// What one node keeps secret at rest, all sealed under its key-encryption key: a check value that proves the
/// configured key is the one the store was sealed with, the node's channel identity, and its key shares. Plaintext
/// only ever exists in memory, and is erased as soon as it is no longer needed. A share's wallet policy
/// (<see cref="KeyPolicy"/>) is stored beside it in clear but bound into the share's seal (its purpose names the
/// policy), so a store edited to loosen the policy no longer opens the share.
/// </summary>
/// <param name="backups">Where every stored share is also written encrypted to the operator's recovery key; null: not configured.</param>
internal sealed class NodeVault(string nodeId, string dataDirectory, NodeStore store, KeyEncryptionKeySource keys, ShareBackups? backups = null) : IDisposable
{
    private const string KeyCheckSetting = "kek-check";
    private const string IdentitySetting = "channel-identity";
    private const string SharePurpose = "key-share";
    private const string RestoreKeySetting = "restore-key";
    private const string ManifestVersionPurpose = "manifest-version";

    private ShareSealer? _sealer;
    private NodeIdentity? _identity;

    /// <summary>The node's channel identity (Ed25519 + X25519 key pairs); available once <see cref="OpenAsync"/> ran.</summary>
    public NodeIdentity Identity => _identity ?? throw new InvalidOperationException($"node {nodeId} is not started");

    private ShareSealer Sealer => _sealer ?? throw new InvalidOperationException($"node {nodeId} is not started");

    /// <summary>Checks the key-encryption key against the store (first start: records the check) and loads the channel identity.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var kek = keys.For(nodeId, dataDirectory);
        try
        {
            _sealer?.Dispose();
            _sealer = new ShareSealer(kek, nodeId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }

        var check = await store.GetSettingAsync(KeyCheckSetting, cancellationToken);
        if (check is null)
        {
            await store.SetSettingAsync(KeyCheckSetting, Sealer.Seal(KeyCheckSetting, "", 0, RandomNumberGenerator.GetBytes(32)), cancellationToken);
        }
        else
        {
            try
            {
                CryptographicOperations.ZeroMemory(Sealer.Open(KeyCheckSetting, "", 0, check));
            }
            catch (CryptographicException)
            {
                throw new InvalidOperationException(
                    $"node {nodeId}: the configured key-encryption key does not open this node's sealed store ({store.Database.Schema}); refusing to start. Restore the node's original key-encryption key.");
            }
        }

        // The channel identity is as sensitive as a share: sealed at rest under the same key-encryption key.
        var sealedIdentity = await store.GetSettingAsync(IdentitySetting, cancellationToken);
        _identity?.Dispose();
        if (sealedIdentity is null)
        {
            _identity = NodeIdentity.Generate(SystemRandomSource.Instance);
            var exported = _identity.ExportPrivate();
            try
            {
                await store.SetSettingAsync(IdentitySetting, Sealer.Seal(IdentitySetting, "", 0, exported), cancellationToken);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(exported);
            }
        }
        else
        {
            var exported = Sealer.Open(IdentitySetting, "", 0, sealedIdentity);
            try
            {
                _identity = NodeIdentity.ImportPrivate(exported);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(exported);
            }
        }
    }

    /// <summary>
    /// Rollback protection for the cluster manifest: refuses a version lower than the highest this node has accepted for
    /// <paramref name="clusterId"/> (an older validly signed manifest may still list a removed node or a revoked
    /// coordinator key), and records a higher one. The highest version is sealed under the key-encryption key and bound
    /// to the cluster id, so an edited row (another number, another cluster's row, garbage) does not open.
    /// </summary>
    public async Task AcceptManifestVersionAsync(string clusterId, long version, CancellationToken cancellationToken)
    {
        var setting = ManifestVersionPurpose + "/" + clusterId;
        var sealedHighest = await store.GetSettingAsync(setting, cancellationToken);
        if (sealedHighest is not null)
        {
            byte[] highestBytes;
            try
            {
                highestBytes = Sealer.Open(ManifestVersionPurpose, clusterId, 0, sealedHighest);
            }
            catch (CryptographicException)
            {
                throw new InvalidOperationException(
                    $"node {nodeId}: the highest manifest version it recorded for cluster {clusterId} does not open (tampered store?); refusing to start");
            }

            var highest = BinaryPrimitives.ReadInt64BigEndian(highestBytes);
            if (version < highest)
            {
                throw new InvalidOperationException(
                    $"node {nodeId}: the cluster manifest is version {version} of cluster {clusterId}, but this node already accepted version {highest}; refusing an older manifest (rollback). Install version {highest} or newer.");
            }

            if (version == highest)
            {
                return;
            }
        }

        var encoded = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(encoded, version);
        await store.ReplaceSettingAsync(setting, Sealer.Seal(ManifestVersionPurpose, clusterId, 0, encoded), cancellationToken);
    }

    /// <summary>The coordinator switched the wallet to <paramref name="keyVersion"/>: commit it, erase older shares (<see cref="NodeStore.CommitAsync"/>).</summary>
    public Task<(bool Held, int Erased)> CommitAsync(string walletId, long keyVersion, CancellationToken cancellationToken) =>
        store.CommitAsync(walletId, keyVersion, cancellationToken);

    public async Task<IReadOnlyList<HeldKeyVersion>> HeldKeysAsync(CancellationToken cancellationToken) =>
        (await store.HeldKeysAsync(cancellationToken)).Select(k => new HeldKeyVersion(k.WalletId, (uint)k.KeyVersion)).ToArray();

    /// <summary>Opens a sealed share into memory; the caller owns it and must <see cref="KeyShare.Clear"/> it.</summary>
    public async Task<KeyShare> OpenShareAsync(string walletId, long keyVersion, CancellationToken cancellationToken) =>
        (await OpenKeyAsync(walletId, keyVersion, cancellationToken)).Share;

    /// <summary>
    /// Opens a sealed share and its wallet policy (authenticated by the seal); the caller must <see cref="KeyShare.Clear"/> the share.
    /// Only a committed share that is the wallet's newest committed one opens (docs/design-lifecycle.md, "Generations");
    /// with <paramref name="commitPending"/> a pending one named by a signed command is committed first (the command
    /// comes after the coordinator's switch: it implies the commit this node may have missed).
    /// </summary>
    public async Task<(KeyShare Share, KeyPolicy Policy)> OpenKeyAsync(string walletId, long keyVersion, CancellationToken cancellationToken, bool commitPending = false)
    {
        var record = await store.ShareAsync(walletId, keyVersion, cancellationToken)
            ?? throw new SessionRefusedException($"node {nodeId} holds no share of wallet {walletId} generation {keyVersion}");
        if (record.Status == ShareStatus.Pending)
        {
            if (!commitPending)
            {
                throw new SessionRefusedException($"node {nodeId} holds generation {keyVersion} of wallet {walletId} only pending (not committed)");
            }

            await store.CommitAsync(walletId, keyVersion, cancellationToken);
        }
        else if (await store.NewestCommittedAsync(walletId, cancellationToken) is { } newest && newest > keyVersion)
        {
            throw new SessionRefusedException($"node {nodeId} refuses generation {keyVersion} of wallet {walletId}: generation {newest} is committed");
        }

        var policy = record.AllowRawDigest is { } allowRawDigest ? new KeyPolicy(allowRawDigest) : KeyPolicy.BeforePolicies;
        byte[] plaintext;
        try
        {
            plaintext = Sealer.Open(SharePurposeOf(record.AllowRawDigest), walletId, keyVersion, record.Sealed);
        }
        catch (CryptographicException)
        {
            throw new SessionRefusedException($"node {nodeId}: the sealed share of wallet {walletId} does not open (tampered store?)");
        }

        try
        {
            return (KeyShare.Decode(plaintext), policy);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Seals and stores a new share with its wallet's policy — after writing its backup, when backups are configured (a
    /// share without its backup is never stored, so never reported) — its encoding is erased here, the share itself
    /// stays the caller's to clear. <paramref name="pending"/>: a refresh's result, stored pending until the
    /// coordinator's switch (<see cref="NodeStore.SavePendingShareAsync"/>).
    /// </summary>
    public async Task SaveShareAsync(string walletId, KeyShare share, KeyPolicy policy, CancellationToken cancellationToken, bool pending = false)
    {
        if (backups is not null)
        {
            await backups.WriteAsync(walletId, share, cancellationToken);
        }

        var encoded = share.Encode();
        var keyVersion = (long)share.Generation;
        try
        {
            var record = new KeyShareRecord
            {
                WalletId = walletId,
                KeyVersion = keyVersion,
                PartyIndex = share.Self,
                PublicKey = Convert.ToHexStringLower(share.PublicKey.Encode()),
                ChainCode = Convert.ToHexStringLower(share.RootChainCode),
                Sealed = Sealer.Seal(SharePurposeOf(policy.AllowRawDigest), walletId, keyVersion, encoded),
                AllowRawDigest = policy.AllowRawDigest,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            await (pending ? store.SavePendingShareAsync(record, cancellationToken) : store.SaveShareAsync(record, cancellationToken));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
        }
    }

    /// <summary>The seal's purpose names the policy; a share stored before policies existed was sealed under the bare purpose.</summary>
    private static string SharePurposeOf(bool? allowRawDigest) => allowRawDigest switch
    {
        null => SharePurpose,
        true => SharePurpose + "/raw-digest-allowed",
        false => SharePurpose + "/raw-digest-refused",
    };

    /// <summary>
    /// Creates this node's one-time restore key (X25519), sealed in its store under the key-encryption key and
    /// replacing an earlier one, and returns its public half: the offline tool re-seals a backup to it
    /// (<c>backup rewrap --to</c>), so the recovery key itself never comes near the node.
    /// </summary>
    public async Task<RecoveryPublicKey> CreateRestoreKeyAsync(CancellationToken cancellationToken)
    {
        using var key = RecoveryPrivateKey.Generate(SystemRandomSource.Instance);
        var scalar = key.Export();
        try
        {
            await store.ReplaceSettingAsync(RestoreKeySetting, Sealer.Seal(RestoreKeySetting, "", 0, scalar), cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }

        return key.PublicKey;
    }

    /// <summary>
    /// Restores a backup sealed to this node's one-time restore key: it must be this node's share of
    /// <paramref name="walletId"/> under <paramref name="publicKey"/> (and <paramref name="keyId"/> when given; every
    /// check of docs/engine-backup.md), and the node must not hold that wallet's generation already. The share is
    /// stored as any new share, with the wallet's policy (which a backup does not carry: the operator gives it from the
    /// wallet resource), and backed up again when backups are configured; the one-time key is erased.
    /// </summary>
    public async Task<ShareBackupHeader> RestoreShareAsync(byte[] backup, string walletId, Point publicKey, byte[]? keyId, KeyPolicy policy, CancellationToken cancellationToken)
    {
        var header = ShareBackup.ReadHeader(backup);
        if (await store.ShareAsync(walletId, header.Generation, cancellationToken) is not null)
        {
            throw new InvalidOperationException($"node {nodeId} already holds its share of wallet {walletId} generation {header.Generation}; nothing to restore");
        }

        var sealedKey = await store.GetSettingAsync(RestoreKeySetting, cancellationToken)
            ?? throw new InvalidOperationException($"node {nodeId} has no restore key: create one first (backup restore-key) and re-seal the backup to it");

        var scalar = Sealer.Open(RestoreKeySetting, "", 0, sealedKey);
        KeyShare share;
        try
        {
            using var key = RecoveryPrivateKey.Import(scalar);
            share = ShareBackup.Restore(backup, key, new ShareBackupExpectation(walletId, nodeId, publicKey, keyId ?? header.KeyId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }

        try
        {
            await SaveShareAsync(walletId, share, policy, cancellationToken);
        }
        finally
        {
            share.Clear();
        }

        await store.ReplaceSettingAsync(RestoreKeySetting, null, cancellationToken);
        return header;
    }

    public void Dispose()
    {
        _sealer?.Dispose();
        _identity?.Dispose();
    }
}
