namespace MpcWallet.Node.Sessions;

internal enum SessionState
{
    /// <summary>Accepted; round messages from faster peers are buffered until Begin.</summary>
    Prepared,
    Running,
    Finished,
}
