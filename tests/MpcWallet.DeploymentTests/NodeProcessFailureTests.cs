using System.Numerics;
using MpcWallet.Testing.Split;

namespace MpcWallet.DeploymentTests;

/// <summary>
/// kill -9 of one node process: signing and transfers go on with the other two; the restarted process reloads its
/// sealed shares from its database, comes back online and is needed (and used) once another node is killed.
/// </summary>
[Collection(SplitProcessesCollection.Name)]
public sealed class NodeProcessFailureTests
{
    [Fact]
    public async Task A_killed_node_process_leaves_two_that_keep_signing_and_after_a_restart_it_takes_part_again()
    {
        await using var cluster = await SplitCluster.StartAsync(new SplitClusterOptions { Name = "split-node-kill" });
        using var api = cluster.Api();
        var wallet = await api.CreateWalletAsync("node-kill");
        var walletId = wallet.GetProperty("id").GetString()!;
        var address = wallet.GetProperty("address").GetString()!;
        await cluster.Chain!.FundAsync(address, BigInteger.Parse("3000000000000000000"));

        // node-3 dies (SIGKILL: no goodbye); the very next requests must succeed with node-1 and node-2.
        await cluster.Nodes["node-3"].KillAsync();
        var digest = SignatureCheck.RandomDigest();
        var signature = await api.SignDigestAsync(walletId, SignatureCheck.ToHex(digest));
        SignatureCheck.AssertValid(signature, wallet, digest);
        Assert.Equal(["node-1", "node-2"], SplitDeploymentTests.SignedBy(signature).Order());

        var recipient1 = SplitDeploymentTests.RandomAddress();
        var first = await api.TransferAcceptedAsync(walletId, recipient1, "1000000000000000", "node-kill-1");
        await api.WaitForConfirmedAsync(first.GetProperty("id").GetString()!);
        Assert.Equal(new BigInteger(1_000_000_000_000_000), await cluster.Chain.BalanceAsync(recipient1));
        await api.WaitForOfflineAsync("node-3");

        // Same arguments, same database: it must open its sealed store with its key and announce itself again.
        await cluster.Nodes["node-3"].RestartAsync();
        await cluster.WaitForNodesAsync(3, mustInclude: "node-3");

        // Now node-1 dies: every 2-of-3 quorum left needs the restarted node-3 and its reloaded share.
        await cluster.Nodes["node-1"].KillAsync();
        digest = SignatureCheck.RandomDigest();
        signature = await api.SignDigestAsync(walletId, SignatureCheck.ToHex(digest));
        SignatureCheck.AssertValid(signature, wallet, digest);
        Assert.Equal(["node-2", "node-3"], SplitDeploymentTests.SignedBy(signature).Order());

        var recipient2 = SplitDeploymentTests.RandomAddress();
        var second = await api.TransferAcceptedAsync(walletId, recipient2, "2000000000000000", "node-kill-2");
        var confirmed = await api.WaitForConfirmedAsync(second.GetProperty("id").GetString()!);
        Assert.Equal(new BigInteger(2_000_000_000_000_000), await cluster.Chain.BalanceAsync(recipient2));
        Assert.Equal(1UL, confirmed.GetProperty("nonce").GetUInt64());
        Assert.Equal(2UL, await cluster.Chain.NonceAsync(address));
    }
}
