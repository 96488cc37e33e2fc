using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpcWallet.Client.Wallets;

/// <summary>A distributed key (api.md "Wallet resource").</summary>
public sealed record Wallet
{
    public const string Creating = "creating";
    public const string Active = "active";
    public const string Failed = "failed";

    public required string Id { get; init; }

    public string Label { get; init; } = "";

    public int Threshold { get; init; }

    public int Parties { get; init; }

    /// <summary>creating, active or failed.</summary>
    public required string Status { get; init; }

    /// <summary>0x + the 33-byte compressed secp256k1 key, once active.</summary>
    public string? PublicKey { get; init; }

    /// <summary>The EIP-55 address, once active.</summary>
    public string? Address { get; init; }

    /// <summary>
    /// The root BIP32 extended public key ("xpub…", depth 0), once active: any BIP32 library derives the wallet's
    /// non-hardened child addresses from it, the same ones the service signs for with a derivation path.
    /// </summary>
    public string? Xpub { get; init; }

    public IReadOnlyList<string> Nodes { get; init; } = [];

    /// <summary>Whether the wallet signs raw digests (fixed at creation; the nodes enforce it too).</summary>
    public bool AllowRawDigest { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? Error { get; init; }

    /// <summary>Fields the service sent that this client version has no property for.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; init; }

    [JsonIgnore]
    public bool IsFinal => Status != Creating;
}
