using MpcWallet.Mpc;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Admission;

/// <summary>
/// Peers a failed protocol check blamed with a ban recommendation, per wallet, kept in the node's store: a banned
/// peer is refused in every later session of that wallet. (Only new sessions consult the bans here; a ban does not
/// yet reach sessions already running with the peer.)
/// </summary>
internal sealed class PeerBans(string nodeId, NodeStore store)
{
    /// <summary>Refuses the session when any participant is banned for the wallet.</summary>
    public async Task RefuseBannedAsync(string walletId, IReadOnlyList<SessionPeer> peers, CancellationToken cancellationToken)
    {
        var bans = await store.BansAsync(walletId, cancellationToken);
        var banned = peers.FirstOrDefault(p => bans.Any(b => b.PeerNode == p.NodeId));
        if (banned is not null)
        {
            throw new SessionRefusedException($"node {nodeId} refuses peer {banned.NodeId} for wallet {walletId} (banned after a failed protocol check)");
        }
    }

    /// <summary>Records the ban the abort recommends, if it names a culprit; true when the culprit is now banned.</summary>
    public async Task<bool> BanAsync(NodeSession session, string? culprit, ProtocolAbortException abort, CancellationToken cancellationToken)
    {
        if (!abort.BanRecommended || culprit is null)
        {
            return false;
        }

        await store.BanAsync(new BannedPeerRecord { WalletId = session.WalletId, PeerNode = culprit, CheckName = abort.Check, SessionId = session.Key, BannedAt = DateTimeOffset.UtcNow }, cancellationToken);
        return true;
    }
}
