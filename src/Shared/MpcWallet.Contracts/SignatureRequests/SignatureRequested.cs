namespace MpcWallet.Contracts.SignatureRequests;

/// <summary>
/// Channel <c>signature_requests</c>: a module (the transaction service) asks the coordinator to sign a 32-byte
/// digest with a wallet's key, and says what the digest is the hash of (<see cref="PreImageKind"/>,
/// <see cref="PreImage"/>): the coordinator and every node recompute the digest from it and refuse a mismatch. <see cref="SignatureId"/> is chosen by the requester and is the idempotency key:
/// the coordinator creates at most one signature per id, and the result comes back on <c>signatures_final</c>
/// (<c>SignatureFinalized</c>) or <c>events</c> (<c>SignatureFailed</c>) under the same id.
/// </summary>
public sealed record SignatureRequested
{
    public required Guid MessageId { get; init; }

    /// <summary>Requester-chosen id, <c>sig_</c> + 32 lowercase hex digits.</summary>
    public required string SignatureId { get; init; }

    public required string WalletId { get; init; }

    public required string Tenant { get; init; }

    /// <summary>The 32 bytes to sign, 0x-prefixed lowercase hex.</summary>
    public required string Digest { get; init; }

    /// <summary>
    /// The non-hardened BIP32 path ("m/0/7") of the key that signs, below the wallet's root key and chain code; null
    /// or "m" for the root key itself (every request before derived addresses existed).
    /// </summary>
    public string? DerivationPath { get; init; }

    /// <summary>
    /// What <see cref="Digest"/> is the hash of: <c>transaction</c>, <c>personalMessage</c>, <c>typedData</c> or
    /// <c>digest</c> (MpcWallet.Ethereum's <c>SigningPreImageText</c>); null (a requester from before pre-images) is a
    /// raw digest, which a wallet signs only if its policy allows raw digests.
    /// </summary>
    public string? PreImageKind { get; init; }

    /// <summary>
    /// The pre-image: the unsigned EIP-1559 payload (0x02 ‖ rlp(fields)) or the personal message, 0x-prefixed hex; the
    /// typed data's JSON text; null for a raw digest.
    /// </summary>
    public string? PreImage { get; init; }

    /// <summary>What the signature is for (e.g. <c>transaction:tx_…</c>), for the coordinator's records and logs.</summary>
    public required string Purpose { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
