namespace MpcWallet.Transactions.Persistence;

internal static class AttemptStatus
{
    /// <summary>Waiting for the coordinator's signature.</summary>
    public const string Signing = "signing";

    /// <summary>Signed and checked, not yet accepted by a node (first send pending or transport failures).</summary>
    public const string Signed = "signed";

    /// <summary>Accepted by the node at least once.</summary>
    public const string Submitted = "submitted";

    /// <summary>Refused for good (by the node, or signing failed); never sent again.</summary>
    public const string Rejected = "rejected";
}
