namespace MpcWallet.Node.Sessions;

/// <summary>The node will not take part in a session as requested (bad parameters, banned or busy peer, unknown key).</summary>
internal sealed class SessionRefusedException : Exception
{
    public SessionRefusedException(string message, SessionRefusal refusal, string? peer)
        : base(message)
    {
        Refusal = refusal;
        Peer = peer;
    }

    public SessionRefusedException(string message)
        : base(message)
    {
    }

    public SessionRefusedException()
        : base("session refused")
    {
    }

    public SessionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SessionRefusal Refusal { get; } = SessionRefusal.Other;

    /// <summary>The peer a <see cref="SessionRefusal.PeerBanned"/> or <see cref="SessionRefusal.PeerBusy"/> refusal is about.</summary>
    public string? Peer { get; }
}
