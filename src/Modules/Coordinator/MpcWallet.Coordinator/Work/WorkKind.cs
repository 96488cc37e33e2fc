namespace MpcWallet.Coordinator.Work;

internal enum WorkKind
{
    KeyGeneration,
    Signing,
    Refresh,
}
