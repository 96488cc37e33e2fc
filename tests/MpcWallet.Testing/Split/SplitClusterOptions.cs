namespace MpcWallet.Testing.Split;

/// <summary>The shape of a <see cref="SplitCluster"/>: which processes, and the timers that make tests quick.</summary>
public sealed class SplitClusterOptions
{
    /// <summary>Prefix of the broker virtual host, the databases and the temporary directory.</summary>
    public string Name { get; set; } = "split";

    public int NodeCount { get; set; } = 3;

    /// <summary>Coordinator processes started at once (more can be added later with <see cref="SplitCluster.AddCoordinatorAsync"/>).</summary>
    public int CoordinatorCount { get; set; } = 1;

    /// <summary>Run the transaction service as its own process (else inside the first coordinator process).</summary>
    public bool SeparateTransactions { get; set; }

    /// <summary>Start a private Anvil chain and configure the transaction service for it.</summary>
    public bool WithChain { get; set; } = true;

    public string NodeHeartbeatInterval { get; set; } = "00:00:00.500";

    public string CoordinatorOfflineAfter { get; set; } = "00:00:03";

    /// <summary>Extra arguments for every process of a role ("coordinator", "node", "transactions").</summary>
    public Dictionary<string, List<string>> ExtraArguments { get; } = [];

    public IReadOnlyList<string> ExtraFor(string role) => ExtraArguments.TryGetValue(role, out var extra) ? extra : [];
}
