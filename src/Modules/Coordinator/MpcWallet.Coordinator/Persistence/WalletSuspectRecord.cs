namespace MpcWallet.Coordinator.Persistence;

/// <summary>
/// A holder of a wallet that a participant banned after a failed protocol check (or refused as banned), kept across
/// requests: it is left out of every later quorum of the wallet until a refresh renews its OT setup (key version).
/// </summary>
internal sealed class WalletSuspectRecord
{
    public required string WalletId { get; set; }

    public required string Node { get; set; }

    /// <summary>The key version whose OT setup the failed check was about; lifted when a refresh produces a newer one.</summary>
    public required long KeyVersion { get; set; }

    public required string Reason { get; set; }

    public required string SessionId { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public required long SuspectedAt { get; set; }
}
