namespace MpcWallet.Coordinator.Sessions;

internal enum SessionPurpose
{
    KeyGeneration,
    Signing,
    Refresh,
}
