namespace MpcWallet.Coordinator.Orchestration;

internal enum WorkKind
{
    KeyGeneration,
    Signing,
}
