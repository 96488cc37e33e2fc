namespace MpcWallet.Contracts.StateSync;

/// <summary>
/// Channel <c>state_sync</c>: a node finished key generation for a wallet and sealed its share. Carries public data
/// only; the coordinator activates the wallet once every party reported the same key.
/// </summary>
public sealed record KeyShareStored
{
    public required Guid MessageId { get; init; }

    public required string SessionId { get; init; }

    public required string WalletId { get; init; }

    public required string Node { get; init; }

    public required int PartyIndex { get; init; }

    public required uint KeyVersion { get; init; }

    /// <summary>The key-generation session's agreed key id (hex), identical at every party.</summary>
    public required string KeyId { get; init; }

    /// <summary>The wallet public key, 33-byte compressed, hex.</summary>
    public required string PublicKey { get; init; }

    /// <summary>The root chain code for non-hardened derivation (public), hex.</summary>
    public required string ChainCode { get; init; }

    /// <summary>When the node sent it; the coordinator drops a report outside its window (replays, stale copies).</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>
    /// Ed25519 by the sending node's identity key (the one the cluster manifest lists for <see cref="Node"/>) over this
    /// message type's tag and every other field (docs/channel.md, "Signed node messages"). Unsigned or wrongly signed
    /// reports are dropped.
    /// </summary>
    public byte[] Signature { get; init; } = [];
}
