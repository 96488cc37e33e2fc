namespace MpcWallet.Mpc.Protocol;

/// <summary>
/// A message was not accepted because of its envelope (foreign session, wrong round, unknown sender, wrong recipient,
/// duplicate). Nothing was blamed and the party's state is unchanged: the message is simply dropped.
/// </summary>
public sealed class ProtocolMessageRejectedException : Exception
{
    public ProtocolMessageRejectedException(string message)
        : base(message)
    {
    }

    public ProtocolMessageRejectedException()
        : base("message rejected")
    {
    }

    public ProtocolMessageRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
