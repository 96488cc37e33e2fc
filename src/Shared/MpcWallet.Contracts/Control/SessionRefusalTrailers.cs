namespace MpcWallet.Contracts.Control;

/// <summary>
/// Trailers a node adds to a refused StartSigning/StartKeyGeneration call when the refusal is about one peer, so the
/// coordinator can act on it: <see cref="PeerBusy"/> (status RESOURCE_EXHAUSTED) means "retry shortly, nobody is at
/// fault" (the node's per-peer budget of sessions before their OT-extension check is used up);
/// <see cref="PeerBanned"/> (status FAILED_PRECONDITION) means "leave that peer out of this wallet's quorums".
/// <see cref="CommandRefused"/> (status FAILED_PRECONDITION, no peer trailer) means "this node refuses what the
/// command asks": its pre-image does not hash to its digest, or it is a raw digest on a wallet whose policy refuses
/// them; every node checks the same, so another quorum would refuse it too.
/// </summary>
public static class SessionRefusalTrailers
{
    /// <summary>Trailer naming the kind of refusal: <see cref="PeerBusy"/>, <see cref="PeerBanned"/> or <see cref="CommandRefused"/>.</summary>
    public const string Refusal = "mpc-refusal";

    /// <summary>Trailer naming the peer (node id) the refusal is about.</summary>
    public const string Peer = "mpc-refused-peer";

    public const string PeerBusy = "peer-busy";

    public const string PeerBanned = "peer-banned";

    public const string CommandRefused = "command-refused";
}
