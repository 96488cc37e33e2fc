using MpcWallet.Mpc.Backup;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Tests.Keygen;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Backup;

/// <summary>A real 2-of-3 key, a recovery key pair generated here (as an operator would, offline), and node-2's backup.</summary>
public sealed class ShareBackupFixture : IDisposable
{
    public const string WalletId = "wal_7f3c2a";
    public const string NodeId = "node-2";

    public ShareBackupFixture()
    {
        Shares = KeygenHarness.RunKeygen(2, 3, 81);
        RecoveryKey = RecoveryPrivateKey.Generate(new SeededRandomSource(82));
        Backup = ShareBackup.Seal(Shares[2], WalletId, NodeId, RecoveryKey.PublicKey, new SeededRandomSource(83));
    }

    internal IReadOnlyDictionary<int, KeyShare> Shares { get; }

    internal RecoveryPrivateKey RecoveryKey { get; }

    internal byte[] Backup { get; }

    internal ShareBackupExpectation Expected => new(WalletId, NodeId, Shares[2].PublicKey, Shares[2].KeyId);

    public void Dispose() => RecoveryKey.Dispose();
}
