using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpcWallet.Client.Signatures;

/// <summary>A signature (api.md "Signature resource"): the 32 bytes signed and, once completed, r, s (low), v and r‖s‖v.</summary>
public sealed record Signature
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public required string Id { get; init; }

    public required string WalletId { get; init; }

    /// <summary>digest, personalMessage or typedData.</summary>
    public required string Type { get; init; }

    public required string Status { get; init; }

    /// <summary>0x + the 32 bytes actually signed (for personalMessage and typedData: the EIP-191 / EIP-712 hash).</summary>
    public required string Digest { get; init; }

    /// <summary>The BIP32 path of the key that signed ("m": the wallet's root key).</summary>
    public string DerivationPath { get; init; } = "m";

    public string? R { get; init; }

    public string? S { get; init; }

    /// <summary>27 or 28.</summary>
    public int? V { get; init; }

    /// <summary>0x + 65 bytes r‖s‖v, the personal_sign / eth_signTypedData_v4 wire form.</summary>
    [JsonPropertyName("signature")]
    public string? SignatureHex { get; init; }

    public IReadOnlyList<string> Nodes { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? Error { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; init; }

    [JsonIgnore]
    public bool IsFinal => Status != Pending;
}
