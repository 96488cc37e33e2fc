namespace MpcWallet.Contracts.Events;

/// <summary>Channel <c>events</c>: a wallet's distributed key exists and the wallet is active.</summary>
public sealed record WalletCreated
{
    public required Guid MessageId { get; init; }

    public required string WalletId { get; init; }

    public required string Tenant { get; init; }

    public required string PublicKey { get; init; }

    public required string Address { get; init; }

    public required IReadOnlyList<string> Nodes { get; init; }

    /// <summary>
    /// The root BIP32 chain code, 0x + 64 hex digits: with <see cref="PublicKey"/> it derives the wallet's
    /// non-hardened child addresses. Null in events published before derived addresses existed.
    /// </summary>
    public string? ChainCode { get; init; }

    /// <summary>Whether the wallet signs raw digests (its policy, fixed at creation); false in events from before policies existed.</summary>
    public bool AllowRawDigest { get; init; }
}
