using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Admission;

/// <summary>
/// The channel of a session being admitted: a per-session key agreement (fresh ephemeral X25519 key signed with this
/// node's identity) over the directory of exactly the session's participants, by party index, with the identities
/// announced for them (docs/channel.md §5). Its offer goes back with the prepare answer; the keys exist from begin.
/// </summary>
internal static class SessionChannels
{
    public static SessionKeyAgreement Open(string nodeId, NodeIdentity identity, SessionId sessionId, SessionPeer self, IReadOnlyList<SessionPeer> peers)
    {
        var directory = new Dictionary<int, NodeIdentityPublic>();
        foreach (var peer in peers)
        {
            if (!NodeIdentityPublic.TryDecode(peer.Identity, out var decoded) || decoded is null)
            {
                throw new SessionRefusedException($"participant {peer.NodeId} has no valid channel identity");
            }

            directory[peer.PartyIndex] = decoded;
        }

        try
        {
            return new SessionKeyAgreement(identity, self.PartyIndex, new PeerDirectory(directory), sessionId, SystemRandomSource.Instance);
        }
        catch (ArgumentException e)
        {
            throw new SessionRefusedException($"the participant directory is not usable by node {nodeId}: {e.Message}");
        }
    }
}
