namespace MpcWallet.Node.Sessions;

/// <summary>The node will not take part in a session as requested (bad parameters, banned peer, unknown key).</summary>
internal sealed class SessionRefusedException : Exception
{
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
}
