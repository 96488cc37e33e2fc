namespace MpcWallet.Node.Persistence;

/// <summary>A sealed key share (AES-256-GCM under the node's key-encryption key) and its public data.</summary>
internal sealed class KeyShareRecord
{
    public required string WalletId { get; set; }

    public required long KeyVersion { get; set; }

    public required int PartyIndex { get; set; }

    public required string PublicKey { get; set; }

    public required string ChainCode { get; set; }

    public required byte[] Sealed { get; set; }

    /// <summary>The wallet's policy on raw digests, bound into <see cref="Sealed"/>; null for a share stored before policies existed.</summary>
    public bool? AllowRawDigest { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    /// <summary><see cref="ShareStatus.Committed"/> or <see cref="ShareStatus.Pending"/> (a refresh's result before the coordinator's switch).</summary>
    public string Status { get; set; } = ShareStatus.Committed;
}
