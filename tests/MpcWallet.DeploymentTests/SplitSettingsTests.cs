using MpcWallet.Testing.Processes;

namespace MpcWallet.DeploymentTests;

/// <summary>A split process missing what it needs stops at start, naming the setting (and never echoing a secret).</summary>
[Collection(SplitProcessesCollection.Name)]
public sealed class SplitSettingsTests
{
    [Fact]
    public async Task A_coordinator_without_the_trusted_manifest_and_a_node_without_its_key_stop_at_start_naming_the_setting()
    {
        var directory = Directory.CreateTempSubdirectory("mpcwallet-split-settings-").FullName;

        await using var coordinator = new HostProcess(
            "coordinator",
            new Uri($"http://127.0.0.1:{FreePorts.Next()}"),
            ["--Profile", "coordinator", "--environment", "Production", "--data-dir", Path.Combine(directory, "coordinator"), "--urls", $"http://127.0.0.1:{FreePorts.Next()}"],
            new Dictionary<string, string>(),
            Path.Combine(directory, "coordinator"),
            directory);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => coordinator.StartAsync());
        Assert.Contains("exited with code 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("MpcWallet cannot start", error.Message, StringComparison.Ordinal);
        Assert.Contains("Trust:OperatorPublicKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Trust:ManifestPath", error.Message, StringComparison.Ordinal);

        await using var node = new HostProcess(
            "node-2",
            new Uri($"http://127.0.0.1:{FreePorts.Next()}"),
            ["--Profile", "node", "--node-id", "node-2", "--environment", "Production", "--data-dir", Path.Combine(directory, "node-2"), "--urls", $"http://127.0.0.1:{FreePorts.Next()}"],
            new Dictionary<string, string>(),
            Path.Combine(directory, "node-2"),
            directory,
            http2Only: true);
        error = await Assert.ThrowsAsync<InvalidOperationException>(() => node.StartAsync());
        Assert.Contains("exited with code 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("Node:KeyEncryptionKeys:node-2", error.Message, StringComparison.Ordinal);
        Assert.Contains("Trust:ManifestPath", error.Message, StringComparison.Ordinal);
    }
}
