using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpcWallet.Infrastructure.Trust;

/// <summary>
/// The signed manifest file: <c>{ "format": "mpcwallet-cluster-manifest/v1", "payload": base64(body), "signature":
/// base64(Ed25519 by the operator key over 'mpcwallet/cluster-manifest/v1' ‖ 0x00 ‖ payload) }</c>. The body is parsed
/// only after the signature over its exact bytes verified.
/// </summary>
public static class ManifestDocument
{
    public const string Format = "mpcwallet-cluster-manifest/v1";

    /// <summary>Signs a draft with the operator's private key; returns the file's text.</summary>
    public static string Sign(ManifestDraft draft, ReadOnlySpan<byte> operatorPrivateKey)
    {
        ClusterManifest.From(draft); // never sign what no process would accept
        var payload = draft.ToUtf8();
        var envelope = new Envelope
        {
            Format = Format,
            Payload = Convert.ToBase64String(payload),
            Signature = Convert.ToBase64String(TaggedSignature.Sign(TaggedSignature.ClusterManifest, operatorPrivateKey, payload)),
        };
        return JsonSerializer.Serialize(envelope, ManifestDraft.IndentedJson) + "\n";
    }

    /// <summary>Verifies the operator's signature, then parses and checks the body; <see cref="ManifestException"/> otherwise.</summary>
    public static ClusterManifest Verify(string text, ReadOnlySpan<byte> operatorPublicKey)
    {
        var payload = Payload(text, out var signature);
        if (!TaggedSignature.Verify(TaggedSignature.ClusterManifest, operatorPublicKey, payload, signature))
        {
            throw new ManifestException("the manifest's signature does not verify under the configured operator public key");
        }

        return ClusterManifest.From(ManifestDraft.Parse(payload));
    }

    /// <summary>The body without checking the signature: only to start the next version's draft from it (<c>trust manifest new --from</c>).</summary>
    public static ManifestDraft ReadUnverified(string text) => ManifestDraft.Parse(Payload(text, out _));

    private static byte[] Payload(string text, out byte[] signature)
    {
        Envelope envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(Encoding.UTF8.GetBytes(text), ManifestDraft.Json) ?? throw new ManifestException("the manifest file is null");
        }
        catch (JsonException e)
        {
            throw new ManifestException($"the manifest file is not a {Format} document: {e.Message}");
        }

        if (envelope.Format != Format)
        {
            throw new ManifestException($"the manifest's format is '{envelope.Format}', expected {Format}");
        }

        try
        {
            signature = Convert.FromBase64String(envelope.Signature);
            return Convert.FromBase64String(envelope.Payload);
        }
        catch (FormatException)
        {
            throw new ManifestException("the manifest's payload and signature must be base64");
        }
    }

    private sealed class Envelope
    {
        [JsonRequired]
        public string Format { get; set; } = "";

        [JsonRequired]
        public string Payload { get; set; } = "";

        [JsonRequired]
        public string Signature { get; set; } = "";
    }
}
