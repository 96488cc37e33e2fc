using MpcWallet.Ethereum.Signing;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>
/// A request to sign <paramref name="PreImage"/> — whose digest is <paramref name="Digest"/> (0x + 64 hex digits),
/// computed from it — with a wallet's key, as either entry hands it in, and how a repeat of it is recognised: by the
/// signature id the requester chose (<paramref name="RequestedId"/>, the broker), by the <c>Idempotency-Key</c> and
/// the request's fingerprint (<paramref name="ClientKey"/>, REST), or not at all (REST without a key: every request
/// is a new signature). <paramref name="Path"/>: the non-hardened BIP32 path of the signing key below the wallet's
/// root (empty: the root key).
/// </summary>
internal sealed record SignatureIntent(string Tenant, string WalletId, SigningPreImage PreImage, string Digest, string? RequestedId = null, ClientKey? ClientKey = null, IReadOnlyList<uint>? Path = null)
{
    /// <summary>The signature's type (api.md): what kind of pre-image it signs.</summary>
    public string Type => SigningPreImageText.KindName(PreImage);

    /// <summary>The path as the signature record stores it: the indices, comma-separated ("" for the root).</summary>
    public string StoredPath => Path is null ? "" : string.Join(',', Path);
}
