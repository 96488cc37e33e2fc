namespace MpcWallet.Coordinator.Persistence;

/// <summary>Session states in the store.</summary>
internal static class SessionStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
