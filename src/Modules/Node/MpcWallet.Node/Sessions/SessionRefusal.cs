namespace MpcWallet.Node.Sessions;

/// <summary>
/// Why a node refused a session, as far as the coordinator can act on it (NodeControl sends it as the
/// <c>mpc-refusal</c> trailer, with the peer concerned in <c>mpc-refused-peer</c>).
/// </summary>
internal enum SessionRefusal
{
    /// <summary>Bad parameters, unknown key, stopped node: not about a peer.</summary>
    Other,

    /// <summary>A participant is banned for the wallet at this node: leave that peer out of the wallet's quorums.</summary>
    PeerBanned,

    /// <summary>
    /// This node already has <c>OtParameters.MaxInFlightChecksPerPeer</c> signing sessions with that peer on the
    /// wallet's key that have not passed their OT-extension check: retry shortly (nobody is at fault).
    /// </summary>
    PeerBusy,

    /// <summary>
    /// The command itself is refused: its pre-image does not hash to its digest, or it asks for a raw digest on a
    /// wallet whose policy refuses them. Another quorum would refuse it too (every node checks the same): do not retry.
    /// </summary>
    Command,
}
