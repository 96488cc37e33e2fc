using System.Text.Json;
using MpcWallet.Testing.Split;
using Xunit.Abstractions;

namespace MpcWallet.DeploymentTests;

/// <summary>
/// kill -9 in the middle of a refresh (issue 12): a node's process, or the coordinator's, dies once the refresh
/// session has started (the operation pending). Afterwards the wallet signs for its address (old or new generation,
/// never a mix: a mix would not verify), the interrupted operation ends (completed, or failed and then a retried
/// refresh completes) at generation 2, and the same address signs again.
/// </summary>
[Collection(SplitProcessesCollection.Name)]
public sealed class RefreshProcessFailureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_node_killed_during_a_refresh_leaves_the_wallet_signing_and_a_retried_refresh_completes()
    {
        await using var cluster = await SplitCluster.StartAsync(new SplitClusterOptions { Name = "split-refresh-node-kill", WithChain = false });
        using var api = cluster.Api();
        var wallet = await api.CreateWalletAsync("refresh-node-kill");
        var walletId = wallet.GetProperty("id").GetString()!;

        var operationId = await StartRefreshAsync(cluster, api, walletId);
        await cluster.Nodes["node-3"].KillAsync();

        // node-3 is gone: the two left sign, and the refresh cannot have switched without node-3's report... unless
        // node-3 reported before it died; either way the signature must verify against the wallet's key.
        await AssertSignsAsync(api, wallet);
        var during = await api.GetAsync($"/v1/wallets/{walletId}");
        output.WriteLine($"with node-3 down: operation {(await api.GetAsync($"/v1/operations/{operationId}")).GetProperty("status")}, wallet generation {during.GetProperty("generation")}");

        await cluster.Nodes["node-3"].StartAsync();
        await cluster.WaitForNodesAsync(3, mustInclude: "node-3");
        await FinishRefreshAsync(api, walletId, operationId, "refresh-node-kill-retry");

        // Every 2-of-3 quorum that needs the restarted node signs with generation 2.
        await cluster.Nodes["node-1"].KillAsync();
        var signature = await AssertSignsAsync(api, wallet);
        Assert.Equal(["node-2", "node-3"], SplitDeploymentTests.SignedBy(signature).Order());
    }

    [Fact]
    public async Task A_coordinator_killed_during_a_refresh_leaves_the_wallet_signing_and_the_refresh_completes_after_a_restart()
    {
        await using var cluster = await SplitCluster.StartAsync(new SplitClusterOptions { Name = "split-refresh-coord-kill", WithChain = false });
        using var api = cluster.Api();
        var wallet = await api.CreateWalletAsync("refresh-coord-kill");
        var walletId = wallet.GetProperty("id").GetString()!;

        var operationId = await StartRefreshAsync(cluster, api, walletId);
        await cluster.Coordinator.KillAsync();
        await cluster.Coordinator.StartAsync();

        await AssertSignsAsync(api, wallet);
        await FinishRefreshAsync(api, walletId, operationId, "refresh-coord-kill-retry");
        await AssertSignsAsync(api, wallet);
    }

    /// <summary>Posts a refresh and waits until the coordinator has started its session (the nodes are refreshing).</summary>
    private static async Task<string> StartRefreshAsync(SplitCluster cluster, ClusterApi api, string walletId)
    {
        var (status, operation) = await api.RequestRefreshAsync(walletId);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, status);
        Assert.Equal("pending", operation.GetProperty("status").GetString());
        var operationId = operation.GetProperty("id").GetString()!;
        await Eventually.TrueAsync(
            () => cluster.Coordinator.LogTail(400).Contains($"refresh {operationId} of wallet {walletId} (generation 1): attempt 1 starting", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            $"the refresh session of {operationId} starts");
        Assert.Equal("pending", (await api.GetAsync($"/v1/operations/{operationId}")).GetProperty("status").GetString());
        return operationId;
    }

    /// <summary>
    /// Waits for the interrupted operation to end; if it failed, a new refresh must complete. Either way the wallet
    /// ends at generation 2 with its address.
    /// </summary>
    private async Task FinishRefreshAsync(ClusterApi api, string walletId, string operationId, string retryKey)
    {
        var interrupted = await api.WaitForOperationAsync(operationId);
        output.WriteLine($"interrupted operation: {interrupted}");
        var final = interrupted;
        if (interrupted.GetProperty("status").GetString() == "failed")
        {
            Assert.Equal(1, (await api.GetAsync($"/v1/wallets/{walletId}")).GetProperty("generation").GetInt64());
            final = await api.RefreshAsync(walletId, retryKey);
            output.WriteLine($"retried operation: {final}");
        }

        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal(2, final.GetProperty("generation").GetInt64());
        var after = await api.GetAsync($"/v1/wallets/{walletId}");
        Assert.Equal(2, after.GetProperty("generation").GetInt64());
    }

    private static async Task<JsonElement> AssertSignsAsync(ClusterApi api, JsonElement wallet)
    {
        var digest = SignatureCheck.RandomDigest();
        var signature = await api.SignDigestAsync(wallet.GetProperty("id").GetString()!, SignatureCheck.ToHex(digest));
        SignatureCheck.AssertValid(signature, wallet, digest);
        return signature;
    }
}
