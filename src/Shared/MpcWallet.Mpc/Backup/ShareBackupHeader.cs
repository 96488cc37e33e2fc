using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Backup;

/// <summary>
/// The public, authenticated header of a share backup: whose share of which key it is and to which recovery key it is
/// encrypted. Readable without the recovery key (<see cref="ShareBackup.ReadHeader"/>); every field is HPKE associated
/// data, so changing any of them makes the backup fail to open.
/// </summary>
public sealed class ShareBackupHeader
{
    internal ShareBackupHeader(RecoveryPublicKey recipient, string walletId, string nodeId, int partyIndex, int threshold, int partyCount, uint generation, byte[] keyId, Point publicKey, Point publicShare)
    {
        Recipient = recipient;
        WalletId = walletId;
        NodeId = nodeId;
        PartyIndex = partyIndex;
        Threshold = threshold;
        PartyCount = partyCount;
        Generation = generation;
        KeyId = keyId;
        PublicKey = publicKey;
        PublicShare = publicShare;
    }

    public RecoveryPublicKey Recipient { get; }

    public string WalletId { get; }

    public string NodeId { get; }

    public int PartyIndex { get; }

    public int Threshold { get; }

    public int PartyCount { get; }

    public uint Generation { get; }

    public byte[] KeyId { get; }

    public Point PublicKey { get; }

    /// <summary>S_i = s_i·G of the backed-up share.</summary>
    public Point PublicShare { get; }
}
