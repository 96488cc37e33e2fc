namespace MpcWallet.Node.Sessions;

/// <summary>A session participant as the coordinator announced it: node id, party index, channel identity.</summary>
internal sealed record SessionPeer(string NodeId, int PartyIndex, byte[] Identity);
