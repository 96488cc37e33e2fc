using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Backup;

/// <summary>
/// What the restoring side expects a backup to hold: the wallet and node it restores, the wallet's public key and the
/// key id of the generation that is current (an older generation's share could not sign with the other holders), and
/// optionally the party index and public share the other holders record for this node.
/// </summary>
public sealed class ShareBackupExpectation(string walletId, string nodeId, Point publicKey, byte[] keyId)
{
    public string WalletId { get; } = walletId ?? throw new ArgumentNullException(nameof(walletId));

    public string NodeId { get; } = nodeId ?? throw new ArgumentNullException(nameof(nodeId));

    public Point PublicKey { get; } = publicKey ?? throw new ArgumentNullException(nameof(publicKey));

    public byte[] KeyId { get; } = keyId?.ToArray() ?? throw new ArgumentNullException(nameof(keyId));

    public int? PartyIndex { get; init; }

    public Point? PublicShare { get; init; }
}
