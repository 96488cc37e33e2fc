namespace MpcWallet.Coordinator.Persistence;

/// <summary>Operation states as the API spells them.</summary>
internal static class OperationStatus
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
