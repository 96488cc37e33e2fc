using System.Globalization;
using System.Numerics;
using System.Text.Json;
using MpcWallet.Testing.Split;

namespace MpcWallet.DeploymentTests;

/// <summary>
/// kill -9 of the transaction service's own process in the middle of a burst of transfers, then a restart: clients
/// retry with their idempotency keys, and every transfer is on chain exactly once with nonces 0..N-1.
/// </summary>
[Collection(SplitProcessesCollection.Name)]
public sealed class TransactionsProcessFailureTests
{
    private const int Transfers = 10;
    private const int KillAfterAccepted = 4;

    [Fact]
    public async Task A_transaction_service_killed_during_a_burst_confirms_every_transfer_exactly_once_after_a_restart()
    {
        await using var cluster = await SplitCluster.StartAsync(new SplitClusterOptions { Name = "split-tx-kill", SeparateTransactions = true });
        using var api = cluster.Api();
        var wallet = await api.CreateWalletAsync("tx-kill");
        var walletId = wallet.GetProperty("id").GetString()!;
        var address = wallet.GetProperty("address").GetString()!;
        await cluster.Chain!.FundAsync(address, BigInteger.Parse("10000000000000000000"));

        var transfers = Enumerable.Range(0, Transfers)
            .Select(i => (Key: $"burst-{i}", To: SplitDeploymentTests.RandomAddress(), Value: new BigInteger(1_000_000_000_000_000L) * (i + 1)))
            .ToArray();

        // The wallet must be known to the transaction service (it learns it from the coordinator's event) first.
        var accepted = new Dictionary<string, string>
        {
            [transfers[0].Key] = (await api.TransferAcceptedAsync(walletId, transfers[0].To, transfers[0].Value.ToString(CultureInfo.InvariantCulture), transfers[0].Key)).GetProperty("id").GetString()!,
        };

        // The burst: the process is killed after a few acceptances, while earlier ones are being signed and sent;
        // the posts that meet the dead process fail as a client would see it.
        var failedPosts = 0;
        foreach (var transfer in transfers.Skip(1))
        {
            if (accepted.Count == KillAfterAccepted)
            {
                await cluster.Transactions.KillAsync();
            }

            try
            {
                var (status, body) = await api.TransferAsync(walletId, transfer.To, transfer.Value.ToString(CultureInfo.InvariantCulture), transfer.Key);
                Assert.True(status == System.Net.HttpStatusCode.Accepted, $"{transfer.Key}: {(int)status} {body}");
                accepted[transfer.Key] = body.GetProperty("id").GetString()!;
            }
            catch (HttpRequestException)
            {
                failedPosts++;
            }
        }

        Assert.Equal(KillAfterAccepted, accepted.Count);
        Assert.Equal(Transfers - KillAfterAccepted, failedPosts);
        await cluster.Transactions.RestartAsync();

        // Clients retry every transfer with its idempotency key: the accepted ones answer with the same transaction.
        var ids = new List<string>();
        foreach (var transfer in transfers)
        {
            var body = await api.TransferAcceptedAsync(walletId, transfer.To, transfer.Value.ToString(CultureInfo.InvariantCulture), transfer.Key);
            var id = body.GetProperty("id").GetString()!;
            if (accepted.TryGetValue(transfer.Key, out var earlier))
            {
                Assert.Equal(earlier, id);
            }

            ids.Add(id);
        }

        var confirmed = new List<JsonElement>();
        foreach (var id in ids)
        {
            confirmed.Add(await api.WaitForConfirmedAsync(id, TimeSpan.FromMinutes(3)));
        }

        // Exactly once: N transactions, nonces 0..N-1, the chain's nonce is N, every recipient paid once.
        Assert.Equal(Transfers, ids.Distinct().Count());
        Assert.Equal(Transfers, (await api.WalletTransactionsAsync(walletId)).Count);
        Assert.Equal(Enumerable.Range(0, Transfers).Select(n => (ulong)n), confirmed.Select(t => t.GetProperty("nonce").GetUInt64()).Order());
        Assert.Equal((ulong)Transfers, await cluster.Chain.NonceAsync(address));
        Assert.Equal(Transfers, confirmed.Select(t => t.GetProperty("hash").GetString()).Distinct().Count());
        foreach (var transfer in transfers)
        {
            Assert.Equal(transfer.Value, await cluster.Chain.BalanceAsync(transfer.To));
        }

        foreach (var transaction in confirmed)
        {
            var mined = await cluster.Chain.TransactionAsync(transaction.GetProperty("hash").GetString()!);
            Assert.Equal(address.ToLowerInvariant(), mined!.Value.GetProperty("from").GetString()!.ToLowerInvariant());
        }
    }
}
