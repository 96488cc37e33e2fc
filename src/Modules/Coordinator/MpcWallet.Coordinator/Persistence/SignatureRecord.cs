namespace MpcWallet.Coordinator.Persistence;

/// <summary>A signature request and, once completed, the verified signature.</summary>
internal sealed class SignatureRecord
{
    public required string Id { get; set; }

    public required string Tenant { get; set; }

    public required string WalletId { get; set; }

    public required string Type { get; set; }

    public required string Status { get; set; }

    /// <summary>The 32 bytes actually signed, 0x-hex.</summary>
    public required string Digest { get; set; }

    /// <summary>What <see cref="Digest"/> is the hash of, per <see cref="Type"/> (<c>SigningPreImageText</c>); empty for a raw digest.</summary>
    public required string PreImage { get; set; }

    /// <summary>Non-hardened BIP32 path indices, comma-separated (empty: the wallet's root key).</summary>
    public required string DerivationPath { get; set; }

    public string? R { get; set; }

    public string? S { get; set; }

    public int? V { get; set; }

    /// <summary>Comma-separated ids of the nodes whose partials made the signature.</summary>
    public required string Nodes { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public required DateTimeOffset DeadlineAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The coordinator instance running this request while <see cref="LeaseUntil"/> (unix ms) lies ahead.</summary>
    public string? Owner { get; set; }

    public long? LeaseUntil { get; set; }

    /// <summary>The indices of <see cref="DerivationPath"/> (empty for the root key).</summary>
    public uint[] PathIndices => DerivationPath.Length == 0 ? [] : DerivationPath.Split(',').Select(uint.Parse).ToArray();

    /// <summary>The W3C traceparent of the request that asked for this (its run continues that trace); null before version 6.</summary>
    public string? TraceParent { get; set; }
}
