using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpcWallet.Infrastructure.Trust;

/// <summary>
/// The body of a cluster manifest as JSON (docs/design-trust.md): what the operator edits (the <c>trust manifest</c>
/// commands) and signs, and the payload every process parses — strictly (unknown members, a member twice, a missing
/// required member are errors) and only after the operator's signature verified. Meaning is checked by
/// <see cref="ClusterManifest.From"/>.
/// </summary>
public sealed class ManifestDraft
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        MaxDepth = 8,
    };

    internal static readonly JsonSerializerOptions IndentedJson = new(Json) { WriteIndented = true };

    [JsonRequired]
    public string ClusterId { get; set; } = "";

    [JsonRequired]
    public long Version { get; set; }

    [JsonRequired]
    public DateTimeOffset IssuedAt { get; set; }

    [JsonRequired]
    public List<Node> Nodes { get; set; } = [];

    [JsonRequired]
    public List<Coordinator> Coordinators { get; set; } = [];

    /// <summary>Strict parse of a payload or draft file; <see cref="ManifestException"/> for anything else.</summary>
    public static ManifestDraft Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize<ManifestDraft>(utf8, Json) ?? throw new ManifestException("the manifest body is null");
        }
        catch (JsonException e)
        {
            throw new ManifestException($"the manifest body is not a valid mpcwallet-cluster-manifest/v1 body: {e.Message}");
        }
    }

    /// <summary>The exact bytes that are signed (the payload).</summary>
    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Indented, for the operator to read (drafts on disk, <c>trust manifest show</c>).</summary>
    public string ToIndentedJson() => JsonSerializer.Serialize(this, IndentedJson);

    /// <summary>One node: its id, its channel identity (64 bytes, NodeIdentityPublic encoding, base64), its NodeControl TLS certificate.</summary>
    public sealed class Node
    {
        [JsonRequired]
        public string Id { get; set; } = "";

        [JsonRequired]
        public string IdentityKey { get; set; } = "";

        /// <summary>Hex SHA-256 of the certificate's DER (not used before mutual TLS is built).</summary>
        public string? TlsCertificateSha256 { get; set; }
    }

    /// <summary>One coordinator instance: its id (<c>Coordinator:InstanceId</c>), Ed25519 command-signing key and X25519 encryption key (base64).</summary>
    public sealed class Coordinator
    {
        [JsonRequired]
        public string Id { get; set; } = "";

        [JsonRequired]
        public string SigningKey { get; set; } = "";

        [JsonRequired]
        public string EncryptionKey { get; set; } = "";

        public string? TlsCertificateSha256 { get; set; }
    }
}
