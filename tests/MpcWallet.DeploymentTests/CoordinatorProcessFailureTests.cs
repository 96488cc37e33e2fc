using MpcWallet.Testing.Split;

namespace MpcWallet.DeploymentTests;

/// <summary>
/// kill -9 of the coordinator process with signature requests in flight, then a restart: it resumes them from its
/// database and every one completes with a valid signature (none lost, none answered twice).
/// </summary>
[Collection(SplitProcessesCollection.Name)]
public sealed class CoordinatorProcessFailureTests
{
    private const int Requests = 4;

    [Fact]
    public async Task A_coordinator_killed_with_signatures_in_flight_completes_them_after_a_restart()
    {
        await using var cluster = await SplitCluster.StartAsync(new SplitClusterOptions { Name = "split-coord-kill", WithChain = false });
        using var api = cluster.Api();
        var wallet = await api.CreateWalletAsync("coord-kill");
        var walletId = wallet.GetProperty("id").GetString()!;

        // Accepted (persisted) but not finished when the process dies: the answers are still pending.
        var digests = Enumerable.Range(0, Requests).Select(_ => SignatureCheck.RandomDigest()).ToArray();
        var pending = new List<(string Id, byte[] Digest)>();
        for (var i = 0; i < Requests; i++)
        {
            var accepted = await api.RequestDigestSignatureAsync(walletId, SignatureCheck.ToHex(digests[i]), $"coord-kill-{i}");
            pending.Add((accepted.GetProperty("id").GetString()!, digests[i]));
        }

        await cluster.Coordinator.KillAsync();
        await cluster.Coordinator.StartAsync();

        foreach (var (id, digest) in pending)
        {
            var signature = await api.WaitForSignatureAsync(id);
            SignatureCheck.AssertValid(signature, wallet, digest);
        }

        // The same requests again (same idempotency keys) answer with the same signatures: nothing was redone.
        for (var i = 0; i < Requests; i++)
        {
            var again = await api.RequestDigestSignatureAsync(walletId, SignatureCheck.ToHex(digests[i]), $"coord-kill-{i}");
            Assert.Equal(pending[i].Id, again.GetProperty("id").GetString());
        }

        // And new work goes through the restarted coordinator.
        var fresh = SignatureCheck.RandomDigest();
        SignatureCheck.AssertValid(await api.SignDigestAsync(walletId, SignatureCheck.ToHex(fresh)), wallet, fresh);
    }
}
