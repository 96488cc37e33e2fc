namespace MpcWallet.Node.Configuration;

/// <summary>The <c>Node</c> section: which nodes this process runs and how.</summary>
internal sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>Ids of the nodes this process runs (each needs an entry in <c>Cluster:Nodes</c>); see <see cref="LocalNodeIds"/>.</summary>
    public List<string> Ids { get; set; } = [];

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A session that has not finished by then is dropped and its secrets erased.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a prepared session waits for its begin. A coordinator begins as soon as every participant accepted; a
    /// session still waiting after this lost its coordinator (killed between prepare and begin): it stops holding the
    /// OT-extension budget of its peers and its begin is refused (docs/engine-signing.md §4.1).
    /// </summary>
    public TimeSpan BeginWindow { get; set; } = TimeSpan.FromSeconds(30);

    public Dictionary<string, string> KeyEncryptionKeys { get; set; } = [];

    public Dictionary<string, string> KeyEncryptionKeyFiles { get; set; } = [];

    /// <summary>
    /// The operator's offline recovery key, public half (X25519, 64 hex digits; docs/engine-backup.md). Set: every
    /// share a node stores is also written, encrypted to it, to <see cref="BackupDirectory"/>. The private half never
    /// reaches the service.
    /// </summary>
    public string? RecoveryPublicKey { get; set; }

    /// <summary>Where share backups go; default <c>backups/</c> in each node's data directory.</summary>
    public string? BackupDirectory { get; set; }

    /// <summary>How NodeControl over TLS checks its callers (a process serving one node on <c>--urls https://…</c>).</summary>
    public NodeTlsOptions Tls { get; set; } = new();

    /// <summary>Null: only in the Development environment.</summary>
    public bool? CreateDevelopmentKeys { get; set; }

    /// <summary>
    /// Whether node <paramref name="nodeId"/> has a key-encryption key to start with: configured, in a file, or a
    /// development key created on first start (<see cref="CreateDevelopmentKeys"/>, by default in Development only).
    /// </summary>
    public bool HasKeyEncryptionKeySource(string nodeId, bool development) =>
        !string.IsNullOrWhiteSpace(KeyEncryptionKeys.GetValueOrDefault(nodeId))
        || !string.IsNullOrWhiteSpace(KeyEncryptionKeyFiles.GetValueOrDefault(nodeId))
        || (CreateDevelopmentKeys ?? development);

    public override string ToString() => $"nodes {string.Join(",", Ids)}";
}
