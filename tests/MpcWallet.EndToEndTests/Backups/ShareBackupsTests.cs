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
        Assert.Equal(0, BackupCommand.Run(["recovery-key", "new", "--out", recoveryFile], printed, TextWriter.Null));
        Assert.Equal(2, BackupCommand.Run(["recovery-key", "new", "--out", recoveryFile], TextWriter.Null, TextWriter.Null)); // never overwritten
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
        Assert.Equal(0, BackupCommand.Run(Rewrap(node2, rewrapped), TextWriter.Null, TextWriter.Null));
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
        var refusedOutput = Path.Combine(work, "never.mwsb");
        var refusal = new StringWriter();
        Assert.Equal(2, BackupCommand.Run(Rewrap(tamperedFile, refusedOutput), TextWriter.Null, refusal));
        Assert.Contains("does not authenticate", refusal.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(refusedOutput));

        // A backup checked against another wallet's key is refused before decryption.
        var otherKey = Point.MultiplyGenerator(CurveScalar.FromUInt64(7));
        Assert.Equal(ShareBackupFailure.Mismatch, Assert.Throws<ShareBackupException>(() => ShareBackup.Restore(File.ReadAllBytes(node2), recoveryKey, new ShareBackupExpectation(walletId, "node-2", otherKey, original.KeyId))).Reason);
    }
}
