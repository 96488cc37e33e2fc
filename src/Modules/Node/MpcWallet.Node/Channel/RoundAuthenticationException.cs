namespace MpcWallet.Node.Channel;

/// <summary>A sealed round message did not authenticate (or did not decode); it is dropped, never blamed.</summary>
internal sealed class RoundAuthenticationException : Exception
{
    public RoundAuthenticationException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public RoundAuthenticationException()
        : base("round message failed authentication")
    {
    }

    public RoundAuthenticationException(string message)
        : base(message)
    {
    }
}
