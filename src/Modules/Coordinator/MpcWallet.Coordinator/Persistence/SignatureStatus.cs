namespace MpcWallet.Coordinator.Persistence;

/// <summary>Signature states as the API spells them.</summary>
internal static class SignatureStatus
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
