namespace MpcWallet.Node.Sessions;

/// <summary>Why an inbound round message was dropped (logged and counted, never blamed on anyone).</summary>
internal enum DropReason
{
    Malformed,
    NotAddressedToThisNode,
    UnknownSession,
    FinishedSession,
    Duplicate,
    SenderNotInSession,
    Unauthenticated,
    RejectedByProtocol,
    NodeStopped,

    /// <summary>More sealed messages arrived for a prepared session than it keeps until begin.</summary>
    EarlyBufferFull,

    /// <summary>A participant of the session is banned for its wallet: the session is ended instead.</summary>
    PeerBanned,
}
