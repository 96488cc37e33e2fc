using System.Collections.Concurrent;
using System.Text.Json;
using MpcWallet.Testing.Messaging;
using MpcWallet.Testing.Split;

namespace MpcWallet.DeploymentTests;

/// <summary>
/// Coordinator high availability with real processes: two coordinator processes on one RabbitMQ virtual host and one
/// PostgreSQL database; kill -9 of one in the middle of a burst of signature requests. Clients whose coordinator is
/// gone send the same request (same Idempotency-Key) to the other one. Every request must complete exactly once: one
/// signature resource per key, a valid signature, and downstream on <c>signatures_final</c> one finalization (one
/// r, s, v and one message id) per signature.
/// </summary>
[Collection(SplitProcessesCollection.Name)]
public sealed class TwoCoordinatorProcessesTests
{
    private const int Requests = 20;

    // The victim is killed once it has accepted this many requests.
    private const int KillAfterAcceptedByVictim = 5;

    [Fact]
    public async Task A_coordinator_killed_mid_burst_leaves_the_other_to_complete_every_request_exactly_once()
    {
        var options = new SplitClusterOptions { Name = "split-two-coord", WithChain = false };
        // Short leases so the survivor takes over the victim's requests soon after the kill. The victim runs one
        // request at a time, so it surely dies with accepted requests it has not finished.
        options.ExtraArguments["coordinator"] = ["--Coordinator:LeaseDuration", "00:00:04", "--Coordinator:SweepInterval", "00:00:01", "--Coordinator:MaxConcurrentRuns", "1"];
        await using var cluster = await SplitCluster.StartAsync(options);
        var victim = cluster.Coordinator;
        var survivor = await cluster.AddCoordinatorAsync(["--Coordinator:MaxConcurrentRuns", "8"]);
        await cluster.WaitForNodesAsync(3, survivor);
        await using var recorder = await FinalSignatureRecorder.StartAsync(cluster.VirtualHost);
        using var victimApi = cluster.Api(victim);
        using var survivorApi = cluster.Api(survivor);
        var wallet = await survivorApi.CreateWalletAsync("two-coord");
        var walletId = wallet.GetProperty("id").GetString()!;

        var digests = Enumerable.Range(0, Requests).Select(_ => SignatureCheck.RandomDigest()).ToArray();
        var acceptedByVictim = 0;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var victimAccepted = new ConcurrentBag<string>();
        var ids = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            var key = $"two-coord-{i}";
            var hex = SignatureCheck.ToHex(digests[i]);
            if (i % 2 == 0 && !killed.Task.IsCompleted)
            {
                try
                {
                    var accepted = await victimApi.RequestDigestSignatureAsync(walletId, hex, key);
                    var id = accepted.GetProperty("id").GetString()!;
                    victimAccepted.Add(id);
                    if (Interlocked.Increment(ref acceptedByVictim) == KillAfterAcceptedByVictim)
                    {
                        await victim.KillAsync();
                        killed.TrySetResult();
                    }

                    return id;
                }
                catch (HttpRequestException)
                {
                    // The victim died under this request (accepted or not): the client asks the other coordinator.
                }
            }

            return (await survivorApi.RequestDigestSignatureAsync(walletId, hex, key)).GetProperty("id").GetString()!;
        }));
        if (!killed.Task.IsCompleted)
        {
            await victim.KillAsync();
        }

        Assert.Equal(Requests, ids.Distinct().Count());
        Assert.NotEmpty(victimAccepted);

        var signatures = new Dictionary<string, JsonElement>();
        for (var i = 0; i < Requests; i++)
        {
            var signature = await survivorApi.WaitForSignatureAsync(ids[i], TimeSpan.FromMinutes(3));
            SignatureCheck.AssertValid(signature, wallet, digests[i]);
            signatures[ids[i]] = signature;

            // Asking again with the same key names the same request: nothing was accepted twice.
            var again = await survivorApi.RequestDigestSignatureAsync(walletId, SignatureCheck.ToHex(digests[i]), $"two-coord-{i}");
            Assert.Equal(ids[i], again.GetProperty("id").GetString());
        }

        // Downstream: every signature finalized once. Wait until each is seen, then watch a little longer for a late duplicate.
        await Eventually.TrueAsync(() => ids.All(id => recorder.Deliveries.Any(d => d.Message.SignatureId == id)), TimeSpan.FromSeconds(60), "every signature is published on signatures_final");
        await Eventually.RemainsTrueAsync(
            () => recorder.Deliveries.GroupBy(d => d.Message.SignatureId).All(g => g.Select(d => d.MessageId).Distinct().Count() == 1),
            TimeSpan.FromSeconds(3),
            "one finalization (message id) per signature on signatures_final");
        foreach (var id in ids)
        {
            var deliveries = recorder.Deliveries.Where(d => d.Message.SignatureId == id).ToArray();
            Assert.True(deliveries.Length > 0, $"signature {id} was never published on signatures_final");
            Assert.Single(deliveries.Select(d => d.MessageId).Distinct());
            var published = Assert.Single(deliveries.Select(d => (d.Message.R, d.Message.S, d.Message.V)).Distinct());
            Assert.Equal(signatures[id].GetProperty("r").GetString(), published.R);
            Assert.Equal(signatures[id].GetProperty("s").GetString(), published.S);
            Assert.Equal(signatures[id].GetProperty("v").GetInt32(), published.V);
        }
    }
}
