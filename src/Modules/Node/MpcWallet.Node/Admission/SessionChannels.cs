using MpcWallet.Mpc.Channel;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Admission;

/// <summary>
/// The channel of a session being admitted: this node's identity and the participants' announced identities, by
/// party index. Every direct message is encrypted and every broadcast signed under these keys.
/// </summary>
internal static class SessionChannels
{
    public static ChannelProtector Open(string nodeId, NodeIdentity identity, SessionPeer self, IReadOnlyList<SessionPeer> peers)
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
            return new ChannelProtector(identity, self.PartyIndex, new PeerDirectory(directory));
        }
        catch (ArgumentException e)
        {
            throw new SessionRefusedException($"the participant directory is not usable by node {nodeId}: {e.Message}");
        }
    }
}
