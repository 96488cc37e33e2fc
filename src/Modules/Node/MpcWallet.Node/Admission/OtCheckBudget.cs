using MpcWallet.Mpc.Ot;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Admission;

/// <summary>
/// The selective-failure budget of docs/engine-signing.md §4.1: every signing session holds one OT-extension check
/// against this node's Δ toward each other signer until its party completes the check round, and at most
/// <see cref="OtParameters.MaxInFlightChecksPerPeer"/> such sessions may exist per (wallet, key version, peer). A
/// prepared session whose begin is overdue holds nothing: it can no longer begin (<see cref="NodeSession.MissedBegin"/>).
/// </summary>
internal static class OtCheckBudget
{
    /// <summary>The first peer of <paramref name="candidate"/> whose budget is used up by <paramref name="running"/>, or null.</summary>
    public static string? ExhaustedPeer(NodeSession candidate, string self, IEnumerable<NodeSession> running)
    {
        if (candidate.Kind != SessionKind.Signing)
        {
            return null;
        }

        var holding = running.Where(s => s.Kind == SessionKind.Signing && s.WalletId == candidate.WalletId && s.KeyVersion == candidate.KeyVersion && !s.PassedOtExtensionCheck && !s.MissedBegin).ToArray();
        return candidate.Peers
            .Where(p => p.NodeId != self)
            .FirstOrDefault(p => holding.Count(s => s.PeerByNode(p.NodeId) is not null) >= OtParameters.MaxInFlightChecksPerPeer)?.NodeId;
    }
}
