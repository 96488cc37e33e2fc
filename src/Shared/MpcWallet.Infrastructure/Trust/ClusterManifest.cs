using System.Text.RegularExpressions;
using MpcWallet.Mpc.Channel;

namespace MpcWallet.Infrastructure.Trust;

/// <summary>
/// A verified cluster manifest: which nodes and coordinator instances belong to the cluster, with their keys. Only
/// <see cref="ManifestDocument.Verify"/> (signature first) and the development trust make one. Everything a process
/// believes about another process's keys comes from here, never from a peer or the coordinator.
/// </summary>
public sealed partial class ClusterManifest
{
    private readonly Dictionary<string, ManifestNode> _nodes;
    private readonly Dictionary<string, ManifestCoordinator> _coordinators;

    private ClusterManifest(string clusterId, long version, DateTimeOffset issuedAt, IReadOnlyList<ManifestNode> nodes, IReadOnlyList<ManifestCoordinator> coordinators)
    {
        ClusterId = clusterId;
        Version = version;
        IssuedAt = issuedAt;
        Nodes = nodes;
        Coordinators = coordinators;
        _nodes = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        _coordinators = coordinators.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public string ClusterId { get; }

    public long Version { get; }

    public DateTimeOffset IssuedAt { get; }

    public IReadOnlyList<ManifestNode> Nodes { get; }

    public IReadOnlyList<ManifestCoordinator> Coordinators { get; }

    public ManifestNode? FindNode(string id) => _nodes.GetValueOrDefault(id);

    public ManifestCoordinator? FindCoordinator(string id) => _coordinators.GetValueOrDefault(id);

    public override string ToString() => $"cluster manifest {ClusterId} v{Version} ({Nodes.Count} nodes, {Coordinators.Count} coordinators)";

    /// <summary>
    /// Checks what a body means: a cluster id, version ≥ 1, ids well-formed and unique, every key valid (Ed25519 and
    /// X25519 points as the channel layer accepts them) and no key listed twice, certificate hashes as 64 hex digits.
    /// </summary>
    public static ClusterManifest From(ManifestDraft body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!IdPattern().IsMatch(body.ClusterId))
        {
            throw new ManifestException($"clusterId '{body.ClusterId}' must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }

        if (body.Version < 1)
        {
            throw new ManifestException("version must be at least 1");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new List<ManifestNode>();
        foreach (var node in body.Nodes)
        {
            RequireNewId(node?.Id, ids, "node");
            var encoded = Base64(node!.IdentityKey, NodeIdentityPublic.EncodedLength, $"node {node.Id}: identityKey");
            if (!NodeIdentityPublic.TryDecode(encoded, out var identity) || identity is null)
            {
                throw new ManifestException($"node {node.Id}: identityKey is not a valid channel identity (Ed25519 ‖ X25519 public keys)");
            }

            RequireNewKey(encoded.AsSpan(0, 32), keys, node.Id);
            RequireNewKey(encoded.AsSpan(32), keys, node.Id);
            nodes.Add(new ManifestNode(node.Id, identity, Certificate(node.TlsCertificateSha256, node.Id)));
        }

        var coordinators = new List<ManifestCoordinator>();
        foreach (var coordinator in body.Coordinators)
        {
            RequireNewId(coordinator?.Id, ids, "coordinator");
            var signing = Base64(coordinator!.SigningKey, 32, $"coordinator {coordinator.Id}: signingKey");
            var encryption = Base64(coordinator.EncryptionKey, 32, $"coordinator {coordinator.Id}: encryptionKey");

            // The same validity rules as a node's channel identity (one pair of Ed25519 and X25519 keys).
            if (!NodeIdentityPublic.TryDecode([.. signing, .. encryption], out _))
            {
                throw new ManifestException($"coordinator {coordinator.Id}: signingKey or encryptionKey is not a valid Ed25519 / X25519 public key");
            }

            RequireNewKey(signing, keys, coordinator.Id);
            RequireNewKey(encryption, keys, coordinator.Id);
            coordinators.Add(new ManifestCoordinator(coordinator.Id, signing, encryption, Certificate(coordinator.TlsCertificateSha256, coordinator.Id)));
        }

        return new ClusterManifest(body.ClusterId, body.Version, body.IssuedAt, nodes, coordinators);
    }

    private static void RequireNewId(string? id, HashSet<string> ids, string what)
    {
        if (id is null || !IdPattern().IsMatch(id))
        {
            throw new ManifestException($"a {what} id '{id}' must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }

        if (!ids.Add(id))
        {
            throw new ManifestException($"the id {id} is listed twice");
        }
    }

    private static void RequireNewKey(ReadOnlySpan<byte> key, HashSet<string> keys, string owner)
    {
        if (!keys.Add(Convert.ToHexStringLower(key)))
        {
            throw new ManifestException($"{owner}: a key listed twice in the manifest");
        }
    }

    private static byte[] Base64(string text, int length, string what)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written != length)
        {
            throw new ManifestException($"{what} must be {length} bytes in base64");
        }

        return buffer[..written];
    }

    private static string? Certificate(string? sha256, string owner) =>
        sha256 is null || (sha256.Length == 64 && sha256.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
            ? sha256
            : throw new ManifestException($"{owner}: tlsCertificateSha256 must be 64 lowercase hex digits");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
