namespace MpcWallet.Contracts.Control;

/// <summary>
/// Trailers a node adds to a refused StartSigning/StartKeyGeneration call when the refusal is about one peer, so the
/// coordinator can act on it: <see cref="PeerBusy"/> (status RESOURCE_EXHAUSTED) means "retry shortly, nobody is at
/// fault" (the node's per-peer budget of sessions before their OT-extension check is used up);
/// <see cref="PeerBanned"/> (status FAILED_PRECONDITION) means "leave that peer out of this wallet's quorums".
/// </summary>
public static class SessionRefusalTrailers
{
    /// <summary>Trailer naming the kind of refusal: <see cref="PeerBusy"/> or <see cref="PeerBanned"/>.</summary>
    public const string Refusal = "mpc-refusal";

    /// <summary>Trailer naming the peer (node id) the refusal is about.</summary>
    public const string Peer = "mpc-refused-peer";

    public const string PeerBusy = "peer-busy";

    public const string PeerBanned = "peer-banned";
}
