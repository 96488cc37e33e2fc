namespace MpcWallet.DeploymentTests;

/// <summary>Every test here starts five or six host processes: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SplitProcessesCollection
{
    public const string Name = "split processes";
}
