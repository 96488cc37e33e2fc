namespace MpcWallet.Node.Sessions;

internal enum SessionKind
{
    KeyGeneration,
    Signing,
    Refresh,
}
