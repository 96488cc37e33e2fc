namespace MpcWallet.Contracts.FinalSignatures;

/// <summary>
/// Channel <c>signatures_final</c>: a verified ECDSA signature for a downstream consumer (the transaction service).
/// Byte strings are 0x-prefixed lowercase hex; <see cref="V"/> is 27 + recovery id.
/// </summary>
public sealed record SignatureFinalized
{
    public required Guid MessageId { get; init; }

    public required string SignatureId { get; init; }

    public required string WalletId { get; init; }

    public required string Tenant { get; init; }

    public required string Digest { get; init; }

    public required string R { get; init; }

    public required string S { get; init; }

    public required int V { get; init; }

    public required IReadOnlyList<string> Nodes { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>The coordinator instance that finalized it (its id in the cluster manifest).</summary>
    public string Coordinator { get; init; } = "";

    /// <summary>
    /// Ed25519 by that coordinator instance's signing key over this message type's tag and every other field
    /// (docs/channel.md, "Signed node messages"): the transaction service accepts a final signature only from a
    /// coordinator the manifest lists.
    /// </summary>
    public byte[] Signature { get; init; } = [];
}
