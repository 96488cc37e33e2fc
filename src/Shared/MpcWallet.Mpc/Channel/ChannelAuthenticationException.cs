namespace MpcWallet.Mpc.Channel;

/// <summary>
/// The one exception <see cref="ChannelProtector.Open(SealedProtocolMessage, Protocol.SessionId)"/> throws for any
/// input it does not accept. The message is unauthenticated, so nobody can be blamed for it: the caller drops it,
/// counts it by <see cref="Reason"/>, and the round keeps waiting (TOB-SILA-14). Never abort or ban on it.
/// </summary>
public sealed class ChannelAuthenticationException : Exception
{
    public ChannelAuthenticationException(ChannelRejection reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public ChannelAuthenticationException(ChannelRejection reason, string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public ChannelAuthenticationException()
        : base("message rejected by the channel")
    {
        Reason = ChannelRejection.Malformed;
    }

    public ChannelAuthenticationException(string message)
        : base(message)
    {
        Reason = ChannelRejection.Malformed;
    }

    public ChannelAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = ChannelRejection.Malformed;
    }

    public ChannelRejection Reason { get; }
}
