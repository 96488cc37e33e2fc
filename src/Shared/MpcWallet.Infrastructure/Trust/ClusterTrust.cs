using System.Security.Cryptography;
using MpcWallet.Mpc.Channel;

namespace MpcWallet.Infrastructure.Trust;

/// <summary>
/// What this process trusts, settled once at start: the cluster manifest verified against the configured operator
/// public key (split deployment), a development manifest this process signs itself with a key it just made up
/// (single host: coordinator and nodes in one process enroll into it as they start), or nothing (a process that
/// needs no manifest yet and has none configured). Never throws when made: a failure is kept in
/// <see cref="Failure"/> and reported by the start-up validation in one line.
/// </summary>
public sealed class ClusterTrust
{
    public const string DevelopmentDirectoryName = "trust";
    public const string DevelopmentManifestFileName = "cluster-manifest.dev.json";

    private readonly Lock _enrolling = new();
    private readonly byte[]? _developmentOperatorKey;
    private readonly ManifestDraft? _developmentDraft;
    private readonly string? _developmentDirectory;
    private ClusterManifest? _manifest;

    private ClusterTrust(ClusterManifest? manifest, string description, string? failure, byte[]? developmentOperatorKey = null, string? developmentDirectory = null)
    {
        _manifest = manifest;
        Description = description;
        Failure = failure;
        _developmentOperatorKey = developmentOperatorKey;
        _developmentDirectory = developmentDirectory;
        if (developmentOperatorKey is not null)
        {
            _developmentDraft = new ManifestDraft { ClusterId = "development", Version = 1, IssuedAt = DateTimeOffset.UtcNow };
        }
    }

    /// <summary>Why this process cannot trust anything (it must not start), or null.</summary>
    public string? Failure { get; }

    /// <summary>The start-up line: where the trust comes from.</summary>
    public string Description { get; }

    /// <summary>True in single-host development mode: the manifest is made and signed by this process.</summary>
    public bool IsDevelopment => _developmentOperatorKey is not null;

    /// <summary>True when there is a manifest (development or verified).</summary>
    public bool HasManifest => Volatile.Read(ref _manifest) is not null;

    /// <summary>The current manifest (in development mode it grows as local nodes and coordinators enroll).</summary>
    public ClusterManifest Manifest =>
        Volatile.Read(ref _manifest) ?? throw new InvalidOperationException(Failure ?? "this process has no cluster manifest (Trust:ManifestPath)");

    /// <summary>
    /// Reads and verifies <see cref="TrustOptions.ManifestPath"/> against the operator public key. Without any trust
    /// setting: a failure when <paramref name="required"/>, else a process without a manifest.
    /// </summary>
    public static ClusterTrust Load(TrustOptions options, bool required)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured && !required)
        {
            return new ClusterTrust(null, "no cluster manifest configured (this process checks nothing against one yet)", null);
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.OperatorPublicKey) && string.IsNullOrWhiteSpace(options.OperatorPublicKeyFile))
        {
            missing.Add("Trust:OperatorPublicKey (or Trust:OperatorPublicKeyFile)");
        }

        if (string.IsNullOrWhiteSpace(options.ManifestPath))
        {
            missing.Add("Trust:ManifestPath");
        }

        if (missing.Count > 0)
        {
            return Failed($"a split deployment needs {string.Join(" and ", missing)}: the operator's public key and the signed cluster manifest (README, \"Enrollment\")");
        }

        try
        {
            var operatorKey = string.IsNullOrWhiteSpace(options.OperatorPublicKey)
                ? KeyFiles.Read(options.OperatorPublicKeyFile!, TaggedSignature.KeyLength, "Trust:OperatorPublicKeyFile")
                : KeyFiles.Decode(options.OperatorPublicKey.Trim(), TaggedSignature.KeyLength, "Trust:OperatorPublicKey");
            if (!TaggedSignature.IsValidPublicKey(operatorKey))
            {
                return Failed("Trust:OperatorPublicKey is not a valid Ed25519 public key");
            }

            var path = Path.GetFullPath(options.ManifestPath!);
            if (!File.Exists(path))
            {
                return Failed($"Trust:ManifestPath: the file {path} does not exist");
            }

            var manifest = ManifestDocument.Verify(File.ReadAllText(path), operatorKey);
            return new ClusterTrust(manifest, $"{manifest} verified against operator key {Convert.ToHexStringLower(operatorKey)[..16]}… from {path}", null);
        }
        catch (Exception e) when (e is ManifestException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return Failed($"the cluster manifest is not usable, refusing to start: {e.Message}");
        }
    }

    /// <summary>
    /// For the enrollment commands only (<c>trust node-identity</c>, <c>trust coordinator-identity</c>): the process
    /// is built to read its own keys before any manifest lists them, and never runs.
    /// </summary>
    public static ClusterTrust ForEnrollment() => new(null, "enrollment (no manifest yet)", null);

    /// <summary>
    /// Single-host development trust: a fresh operator key for this process's life, a manifest that starts empty and
    /// is re-signed (version + 1) whenever a local node or coordinator enrolls, written under
    /// <paramref name="dataDirectory"/>/trust for inspection. Never for a split deployment: no other process trusts it.
    /// </summary>
    public static ClusterTrust Development(string dataDirectory)
    {
        var directory = Path.Combine(dataDirectory, DevelopmentDirectoryName);
        Directory.CreateDirectory(directory);
        var trust = new ClusterTrust(
            null,
            $"development trust (single-host dev mode): operator key made up by this process, cluster manifest signed with it as nodes and coordinators start, written to {Path.Combine(directory, DevelopmentManifestFileName)}; a split deployment enrolls with the trust commands (README, \"Enrollment\")",
            null,
            RandomNumberGenerator.GetBytes(TaggedSignature.KeyLength),
            directory);
        trust.Publish();
        return trust;
    }

    /// <summary>Development only: lists (or replaces) a local node with its channel identity.</summary>
    public void EnrollDevelopmentNode(string id, NodeIdentityPublic identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Enroll(draft =>
        {
            draft.Nodes.RemoveAll(n => n.Id == id);
            draft.Nodes.Add(new ManifestDraft.Node { Id = id, IdentityKey = Convert.ToBase64String(identity.Encode()) });
        });
    }

    /// <summary>Development only: lists (or replaces) a local coordinator instance with its keys.</summary>
    public void EnrollDevelopmentCoordinator(ManifestDraft.Coordinator entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Enroll(draft =>
        {
            draft.Coordinators.RemoveAll(c => c.Id == entry.Id);
            draft.Coordinators.Add(entry);
        });
    }

    private static ClusterTrust Failed(string failure) => new(null, failure, failure);

    private void Enroll(Action<ManifestDraft> change)
    {
        if (_developmentDraft is null)
        {
            throw new InvalidOperationException("only development trust enrolls members at run time; a split deployment enrolls them in the signed manifest");
        }

        lock (_enrolling)
        {
            change(_developmentDraft);
            _developmentDraft.Version++;
            _developmentDraft.IssuedAt = DateTimeOffset.UtcNow;
            Publish();
        }
    }

    // Signed and verified through the same code as a split deployment's manifest.
    private void Publish()
    {
        var text = ManifestDocument.Sign(_developmentDraft!, _developmentOperatorKey);
        Volatile.Write(ref _manifest, ManifestDocument.Verify(text, TaggedSignature.PublicKeyOf(_developmentOperatorKey)));
        File.WriteAllText(Path.Combine(_developmentDirectory!, DevelopmentManifestFileName), text);
    }
}
