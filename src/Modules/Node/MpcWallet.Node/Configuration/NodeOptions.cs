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

    public Dictionary<string, string> KeyEncryptionKeys { get; set; } = [];

    public Dictionary<string, string> KeyEncryptionKeyFiles { get; set; } = [];

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
