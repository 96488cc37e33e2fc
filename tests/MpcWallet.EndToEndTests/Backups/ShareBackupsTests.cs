using MpcWallet.EndToEndTests.Support;
using MpcWallet.Host.Composition;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.Backup;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Randomness;
using CurveScalar = MpcWallet.Mpc.Curve.Scalar;

namespace MpcWallet.EndToEndTests.Backups;

/// <summary>
/// Share backups from running nodes (<c>Node:RecoveryPublicKey</c>): key generation leaves one backup per holder,
/// encrypted to the operator's recovery key; each opens with that key against the wallet's public record as the API
/// shows it; the offline tool re-seals a backup to another key (an empty node's one-time key) and refuses a tampered
/// one with the engine's reason.
/// </summary>
public sealed class ShareBackupsTests
{
    [Fact]
    public async Task Every_holder_writes_a_backup_that_opens_with_the_recovery_key_and_a_tampered_one_is_refused()
    {
        // The operator's offline step: a recovery key file; only its printed public half configures the nodes.
        var work = Directory.CreateTempSubdirectory("mpcwallet-rewrap-").FullName;
        var recoveryFile = Path.Combine(work, "recovery.key");
        var printed = new StringWriter();
        Assert.Equal(0, await BackupCommand.RunAsync(["recovery-key", "new", "--out", recoveryFile], printed, TextWriter.Null));
        Assert.Equal(2, await BackupCommand.RunAsync(["recovery-key", "new", "--out", recoveryFile], TextWriter.Null, TextWriter.Null)); // never overwritten
        using var recoveryKey = RecoveryPrivateKey.Import(KeyFiles.Read(recoveryFile, RecoveryPublicKey.Length, "recovery key"));
        Assert.Equal(recoveryKey.PublicKey.ToString(), printed.ToString().Trim());
        var backups = Directory.CreateTempSubdirectory("mpcwallet-backups-").FullName;
        await using var host = await TestHost.StartAsync(Backend.InMemorySqlite, extraArgs: ["--Node:RecoveryPublicKey", recoveryKey.PublicKey.ToString(), "--Node:BackupDirectory", backups]);
        using var client = host.Client();
        var wallet = await Api.CreateActiveWalletAsync(client, "backed-up");
        var walletId = wallet.GetProperty("id").GetString()!;
        var publicKey = Point.Decode(Convert.FromHexString(wallet.GetProperty("publicKey").GetString()![2..]));

        var files = Directory.GetFiles(backups, walletId + ".*.mwsb").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["node-1", "node-2", "node-3"], files.Select(f => Path.GetFileName(f).Split('.')[1]));
        var indices = new HashSet<int>();
        foreach (var file in files)
        {
            var nodeId = Path.GetFileName(file).Split('.')[1];
            var header = ShareBackup.ReadHeader(File.ReadAllBytes(file));
            var share = ShareBackup.Restore(File.ReadAllBytes(file), recoveryKey, new ShareBackupExpectation(walletId, nodeId, publicKey, header.KeyId));
            Assert.Equal(publicKey, share.PublicKey);
            Assert.Equal(header.Generation, share.Generation);
            Assert.EndsWith($".g{share.Generation}.mwsb", file, StringComparison.Ordinal);
            Assert.True(indices.Add(share.Self));
            Assert.Equal(share.PublicShares[share.Self - 1], header.PublicShare);
            share.Clear();
        }

        // The offline tool: re-seal node-2's backup to a one-time key; the result opens with that key only.
        using var oneTime = RecoveryPrivateKey.Generate(SystemRandomSource.Instance);
        var node2 = files[1];
        var rewrapped = Path.Combine(work, "node-2.rewrapped.mwsb");
        string[] Rewrap(string input, string output) =>
            ["rewrap", "--in", input, "--recovery-key", recoveryFile, "--wallet", walletId, "--node", "node-2", "--public-key", wallet.GetProperty("publicKey").GetString()!, "--to", oneTime.PublicKey.ToString(), "--out", output];
        Assert.Equal(0, await BackupCommand.RunAsync(Rewrap(node2, rewrapped), TextWriter.Null, TextWriter.Null));
        var original = ShareBackup.ReadHeader(File.ReadAllBytes(node2));
        var expectation = new ShareBackupExpectation(walletId, "node-2", publicKey, original.KeyId);
        var reopened = ShareBackup.Restore(File.ReadAllBytes(rewrapped), oneTime, expectation);
        var direct = ShareBackup.Restore(File.ReadAllBytes(node2), recoveryKey, expectation);
        Assert.Equal(direct.Encode(), reopened.Encode());
        Assert.Equal(ShareBackupFailure.WrongRecoveryKey, Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(File.ReadAllBytes(rewrapped), recoveryKey, expectation)).Reason);

        // One flipped ciphertext bit: refused by authentication, and the tool writes nothing.
        var tampered = File.ReadAllBytes(node2);
        tampered[^20] ^= 0x01;
        var tamperedFile = Path.Combine(work, "tampered.mwsb");
        await File.WriteAllBytesAsync(tamperedFile, tampered);
        Assert.Equal(ShareBackupFailure.Tampered, Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(tampered, recoveryKey, expectation)).Reason);
        var badKey = new StringWriter();
        Assert.Equal(2, await BackupCommand.RunAsync(["rewrap", "--in", node2, "--recovery-key", recoveryFile, "--wallet", walletId, "--node", "node-2", "--public-key", "0x02" + new string('f', 64), "--to", oneTime.PublicKey.ToString(), "--out", Path.Combine(work, "bad-key.mwsb")], TextWriter.Null, badKey));
        Assert.Contains("not a valid compressed secp256k1 point", badKey.ToString(), StringComparison.Ordinal);
        var refusedOutput = Path.Combine(work, "never.mwsb");
        var refusal = new StringWriter();
        Assert.Equal(2, await BackupCommand.RunAsync(Rewrap(tamperedFile, refusedOutput), TextWriter.Null, refusal));
        Assert.Contains("does not authenticate", refusal.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(refusedOutput));

        // A backup checked against another wallet's key is refused before decryption.
        var otherKey = Point.MultiplyGenerator(CurveScalar.FromUInt64(7));
        Assert.Equal(ShareBackupFailure.Mismatch, Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(File.ReadAllBytes(node2), recoveryKey, new ShareBackupExpectation(walletId, "node-2", otherKey, original.KeyId))).Reason);
    }

    [Fact]
    public async Task A_node_that_lost_its_share_signs_again_after_the_restore_drill()
    {
        var work = Directory.CreateTempSubdirectory("mpcwallet-drill-").FullName;
        var recoveryFile = Path.Combine(work, "recovery.key");
        var printed = new StringWriter();
        Assert.Equal(0, await BackupCommand.RunAsync(["recovery-key", "new", "--out", recoveryFile], printed, TextWriter.Null));
        var data = TestHost.NewDataDirectory();
        string[] nodeConfiguration = ["--Node:RecoveryPublicKey", printed.ToString().Trim(), "--Node:BackupDirectory", Path.Combine(work, "backups")];
        string walletId, publicKey;
        await using (var first = await TestHost.StartAsync(Backend.InMemorySqlite, data, nodeConfiguration))
        {
            using var client = first.Client();
            var created = await Api.CreateActiveWalletAsync(client, "drill");
            walletId = created.GetProperty("id").GetString()!;
            publicKey = created.GetProperty("publicKey").GetString()!;
        }

        // node-3's share is lost (its identity and key-encryption key are not: "an empty node of the same identity").
        await using (var store = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "node-3", "node.db")};Pooling=false"))
        {
            await store.OpenAsync();
            await using var delete = store.CreateCommand();
            delete.CommandText = "DELETE FROM key_shares WHERE wallet_id = $wallet";
            delete.Parameters.AddWithValue("$wallet", walletId);
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        // The drill (README "Share backups"): a one-time key in the empty node, the backup re-sealed to it offline, restored.
        string[] node3 = ["--data-dir", data, "--modules", "node", "--node-id", "node-3", "--environment", "Production", "--Node:CreateDevelopmentKeys", "true", .. nodeConfiguration];
        var oneTime = new StringWriter();
        Assert.Equal(0, await BackupCommand.RunAsync(["restore-key", .. node3], oneTime, TextWriter.Null));
        var backup = Path.Combine(work, "backups", $"{walletId}.node-3.g0.mwsb");
        var resealed = Path.Combine(work, "node-3.restore.mwsb");
        Assert.Equal(0, await BackupCommand.RunAsync(["rewrap", "--in", backup, "--recovery-key", recoveryFile, "--wallet", walletId, "--node", "node-3", "--public-key", publicKey, "--to", oneTime.ToString().Trim(), "--out", resealed], TextWriter.Null, TextWriter.Null));
        string[] restore = ["restore", "--in", resealed, "--wallet", walletId, "--public-key", publicKey, "--allow-raw-digest", "true", "--", .. node3];

        // The recovery key's own file cannot be restored (it is not sealed to the node's one-time key), a tampered one neither.
        var refusal = new StringWriter();
        Assert.Equal(2, await BackupCommand.RunAsync(["restore", "--in", backup, "--wallet", walletId, "--public-key", publicKey, "--allow-raw-digest", "true", "--", .. node3], TextWriter.Null, refusal));
        Assert.Contains("is encrypted to recovery key", refusal.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await BackupCommand.RunAsync(restore, TextWriter.Null, TextWriter.Null));
        var again = new StringWriter();
        Assert.Equal(2, await BackupCommand.RunAsync(restore, TextWriter.Null, again));
        Assert.Contains("already holds", again.ToString(), StringComparison.Ordinal);

        // node-1 down: the signature needs node-3's restored share.
        await using var second = await TestHost.StartAsync(Backend.InMemorySqlite, data, nodeConfiguration);
        await second.WaitUntilNodesOnlineAsync(3);
        await MpcWallet.Node.NodeModule.StopLocalNodeAsync(second.Services, "node-1");
        await second.WaitUntilNodesOnlineAsync(1, online: false);
        using var signer = second.Client();
        var digest = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var (status, signature, _) = await Api.PostAsync(signer, $"/v1/wallets/{walletId}/signatures", $$"""{"type": "digest", "digest": "0x{{Convert.ToHexStringLower(digest)}}"}""", wait: 30);
        Assert.Equal(System.Net.HttpStatusCode.Created, status);
        Assert.Equal(["node-2", "node-3"], signature.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).Order());
        var (_, wallet) = await Api.GetAsync(signer, $"/v1/wallets/{walletId}");
        MpcWallet.Testing.SignatureCheck.AssertValid(signature, wallet, digest);
    }
}
