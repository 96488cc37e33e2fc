namespace MpcWallet.Coordinator.Persistence;

/// <summary>A wallet: its distributed key's public data and the nodes holding shares (in party-index order).</summary>
internal sealed class WalletRecord
{
    public required string Id { get; set; }

    public required string Tenant { get; set; }

    public required string Label { get; set; }

    public required int Threshold { get; set; }

    public required int Parties { get; set; }

    public required string Status { get; set; }

    public string? PublicKey { get; set; }

    public string? Address { get; set; }

    public string? ChainCode { get; set; }

    public long KeyVersion { get; set; }

    /// <summary>Whether the wallet signs raw digests (fixed at creation, sent to the nodes with key generation).</summary>
    public required bool AllowRawDigest { get; set; }

    /// <summary>Comma-separated node ids; position + 1 is the node's party index.</summary>
    public required string Nodes { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    /// <summary>Monotonic creation order (for newest-first paging).</summary>
    public required long Sequence { get; set; }

    /// <summary>The coordinator instance running this request while <see cref="LeaseUntil"/> (unix ms) lies ahead.</summary>
    public string? Owner { get; set; }

    public long? LeaseUntil { get; set; }

    /// <summary>The W3C traceparent of the request that asked for this (its run continues that trace); null before version 6.</summary>
    public string? TraceParent { get; set; }

    /// <summary>
    /// The API's generation of the wallet's key: the engine numbers a key generation's shares 0 (<c>KeyShare.Generation</c>,
    /// this <see cref="KeyVersion"/> and the nodes' <c>key_version</c>), the API counts from 1. Stored data keeps the
    /// engine's numbering; only the API and the events show it + 1.
    /// </summary>
    public long Generation => GenerationOf(KeyVersion);

    public static long GenerationOf(long keyVersion) => keyVersion + 1;

    public IReadOnlyList<string> NodeList => Nodes.Length == 0 ? [] : Nodes.Split(',');
}
