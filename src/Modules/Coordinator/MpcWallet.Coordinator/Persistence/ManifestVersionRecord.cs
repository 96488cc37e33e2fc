namespace MpcWallet.Coordinator.Persistence;

/// <summary>The highest cluster manifest version a coordinator on this store accepted for a cluster (rollback protection).</summary>
internal sealed class ManifestVersionRecord
{
    public required string ClusterId { get; set; }

    public required long Highest { get; set; }
}
