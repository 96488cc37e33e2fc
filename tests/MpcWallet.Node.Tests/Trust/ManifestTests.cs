using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Node.Tests.Trust;

/// <summary>
/// The signed cluster manifest: verified against the operator's public key before its body is read, and the body read
/// strictly. Each case changes one thing of a manifest that verifies.
/// </summary>
public sealed class ManifestTests
{
    private readonly byte[] _operator = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void A_signed_manifest_verifies_and_lists_its_members()
    {
        var manifest = ManifestDocument.Verify(ManifestDocument.Sign(Draft(), _operator), TaggedSignature.PublicKeyOf(_operator));
        Assert.Equal(("tests", 3L), (manifest.ClusterId, manifest.Version));
        Assert.NotNull(manifest.FindNode("node-1"));
        Assert.NotNull(manifest.FindCoordinator("coordinator-1"));
        Assert.Null(manifest.FindNode("node-9"));
    }

    [Fact]
    public void Another_operator_key_a_changed_payload_or_a_signature_for_another_purpose_do_not_verify()
    {
        var text = ManifestDocument.Sign(Draft(), _operator);
        Assert.Throws<ManifestException>(() => ManifestDocument.Verify(text, TaggedSignature.PublicKeyOf(RandomNumberGenerator.GetBytes(32))));

        var document = JsonNode.Parse(text)!;
        var payload = Convert.FromBase64String(document["payload"]!.GetValue<string>());
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload).Replace("\"version\":3", "\"version\":4", StringComparison.Ordinal));
        Assert.NotEqual(payload, changed);
        document["payload"] = Convert.ToBase64String(changed);
        Assert.Throws<ManifestException>(() => ManifestDocument.Verify(document.ToJsonString(), TaggedSignature.PublicKeyOf(_operator)));

        // The operator's key signing the same bytes as a node command (another tag) is no manifest signature.
        document["payload"] = Convert.ToBase64String(payload);
        document["signature"] = Convert.ToBase64String(TaggedSignature.Sign(TaggedSignature.NodeCommand, _operator, payload));
        Assert.Throws<ManifestException>(() => ManifestDocument.Verify(document.ToJsonString(), TaggedSignature.PublicKeyOf(_operator)));
    }

    [Theory]
    [InlineData("duplicate member", "{\"clusterId\":\"a\",\"clusterId\":\"b\",\"version\":1,\"issuedAt\":\"2026-12-03T10:00:00Z\",\"nodes\":[],\"coordinators\":[]}")]
    [InlineData("unknown member", "{\"clusterId\":\"a\",\"version\":1,\"issuedAt\":\"2026-12-03T10:00:00Z\",\"nodes\":[],\"coordinators\":[],\"admins\":[]}")]
    [InlineData("missing member", "{\"clusterId\":\"a\",\"version\":1,\"nodes\":[],\"coordinators\":[]}")]
    [InlineData("version as a string", "{\"clusterId\":\"a\",\"version\":\"1\",\"issuedAt\":\"2026-12-03T10:00:00Z\",\"nodes\":[],\"coordinators\":[]}")]
    public void A_body_that_is_not_exactly_a_manifest_body_is_refused_even_when_signed(string why, string body)
    {
        var payload = Encoding.UTF8.GetBytes(body);
        var text = new JsonObject
        {
            ["format"] = ManifestDocument.Format,
            ["payload"] = Convert.ToBase64String(payload),
            ["signature"] = Convert.ToBase64String(TaggedSignature.Sign(TaggedSignature.ClusterManifest, _operator, payload)),
        }.ToJsonString();
        var error = Assert.Throws<ManifestException>(() => ManifestDocument.Verify(text, TaggedSignature.PublicKeyOf(_operator)));
        Assert.False(string.IsNullOrEmpty(error.Message), why);
    }

    [Fact]
    public void Duplicate_ids_and_keys_and_invalid_keys_are_refused()
    {
        var twiceId = Draft();
        twiceId.Nodes.Add(new ManifestDraft.Node { Id = "node-1", IdentityKey = Identity() });
        Assert.Contains("twice", Assert.Throws<ManifestException>(() => ClusterManifest.From(twiceId)).Message, StringComparison.Ordinal);

        var twiceKey = Draft();
        twiceKey.Nodes.Add(new ManifestDraft.Node { Id = "node-9", IdentityKey = twiceKey.Nodes[0].IdentityKey });
        Assert.Contains("twice", Assert.Throws<ManifestException>(() => ClusterManifest.From(twiceKey)).Message, StringComparison.Ordinal);

        var invalid = Draft();
        invalid.Coordinators[0].SigningKey = Convert.ToBase64String(new byte[32]);
        Assert.Throws<ManifestException>(() => ClusterManifest.From(invalid));
        Assert.Throws<ManifestException>(() => ManifestDocument.Sign(invalid, _operator)); // never signed either
    }

    private static ManifestDraft Draft()
    {
        using var coordinator = NodeIdentity.Generate(SystemRandomSource.Instance);
        var keys = coordinator.Public.Encode();
        return new ManifestDraft
        {
            ClusterId = "tests",
            Version = 3,
            IssuedAt = DateTimeOffset.UtcNow,
            Nodes = [new() { Id = "node-1", IdentityKey = Identity() }, new() { Id = "node-2", IdentityKey = Identity() }],
            Coordinators = [new() { Id = "coordinator-1", SigningKey = Convert.ToBase64String(keys[..32]), EncryptionKey = Convert.ToBase64String(keys[32..]) }],
        };
    }

    private static string Identity()
    {
        using var identity = NodeIdentity.Generate(SystemRandomSource.Instance);
        return Convert.ToBase64String(identity.Public.Encode());
    }
}
