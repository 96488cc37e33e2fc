using System.Numerics;
using System.Text.Json;
using MpcWallet.Testing;
using MpcWallet.Testing.Processes;
using MpcWallet.Testing.Split;

namespace MpcWallet.DeploymentTests;

/// <summary>
/// Coordinator + transaction service in one process, node-1, node-2 and node-3 each in their own, over RabbitMQ and
/// PostgreSQL: a 2-of-3 wallet, an independently verified signature, a transfer confirmed on Anvil.
/// </summary>
[Collection(SplitProcessesCollection.Name)]
public sealed class SplitDeploymentTests
{
    [Fact]
    public async Task Separate_processes_create_a_2_of_3_wallet_sign_and_send_a_confirmed_transfer()
    {
        await using var cluster = await SplitCluster.StartAsync(new SplitClusterOptions { Name = "split-basic" });
        using var api = cluster.Api();

        // Every node process is its own process, and the coordinator reaches each on that process's own --urls.
        var pids = cluster.All.Select(p => p.ProcessId).ToArray();
        Assert.Equal(pids.Length, pids.Distinct().Count());
        var nodes = await api.NodesAsync();
        foreach (var (id, nodeAddress) in cluster.NodeAddresses)
        {
            Assert.Equal(("online", nodeAddress.ToString().TrimEnd('/')), nodes[id]);
        }

        var wallet = await api.CreateWalletAsync("split-basic");
        var walletId = wallet.GetProperty("id").GetString()!;
        var address = wallet.GetProperty("address").GetString()!;

        var digest = SignatureCheck.RandomDigest();
        var signature = await api.SignDigestAsync(walletId, SignatureCheck.ToHex(digest));
        SignatureCheck.AssertValid(signature, wallet, digest);
        Assert.Equal(2, signature.GetProperty("nodes").GetArrayLength());

        var chain = cluster.Chain!;
        await chain.FundAsync(address, BigInteger.Parse("2000000000000000000"));
        var recipient = RandomAddress();
        var accepted = await api.TransferAcceptedAsync(walletId, recipient, "1234500000000000000", "split-basic-transfer-1");
        var confirmed = await api.WaitForConfirmedAsync(accepted.GetProperty("id").GetString()!);

        Assert.Equal(BigInteger.Parse("1234500000000000000"), await chain.BalanceAsync(recipient));
        var mined = await chain.TransactionAsync(confirmed.GetProperty("hash").GetString()!);
        Assert.NotNull(mined);
        Assert.Equal(address.ToLowerInvariant(), mined.Value.GetProperty("from").GetString()!.ToLowerInvariant());
        Assert.Equal(0UL, (ulong)AnvilChain.ParseQuantity(mined.Value.GetProperty("nonce")));
    }

    [Fact]
    public async Task Each_process_broker_user_reaches_only_its_own_channels()
    {
        await using var cluster = await SplitCluster.StartAsync(new SplitClusterOptions { Name = "split-acl", WithChain = false });
        var vhost = cluster.VirtualHost;
        var node1 = cluster.BrokerUserOf("node-1");
        var coordinator = cluster.BrokerUserOf("coordinator-1");

        // A stolen node identity reads neither another node's protocol messages nor the coordinators' queues, and
        // cannot forge what only coordinators say (final signatures, events) or what only the transaction service asks.
        await BrokerAccess.AssertCanReadAsync(vhost, node1, "mpc_rounds.node-1");
        await BrokerAccess.AssertCannotReadAsync(vhost, node1, "mpc_rounds.node-2");
        await BrokerAccess.AssertCannotReadAsync(vhost, node1, "partial_signatures.coordinator");
        await BrokerAccess.AssertCannotReadAsync(vhost, node1, "state_sync.coordinator");
        await BrokerAccess.AssertCannotWriteAsync(vhost, node1, "signatures_final");
        await BrokerAccess.AssertCannotWriteAsync(vhost, node1, "events.wallet-created");
        await BrokerAccess.AssertCannotWriteAsync(vhost, node1, "signature_requests");

        // Only coordinators read partial signatures; a coordinator reads no node's round queue and publishes no protocol message.
        await BrokerAccess.AssertCanReadAsync(vhost, coordinator, "partial_signatures.coordinator");
        await BrokerAccess.AssertCannotReadAsync(vhost, coordinator, "mpc_rounds.node-1");
        await BrokerAccess.AssertCannotWriteAsync(vhost, coordinator, "mpc_rounds");
        await BrokerAccess.AssertCannotWriteAsync(vhost, coordinator, "partial_signatures");

        // With its own user limited like this, every process still does its work: a wallet and a signature.
        using var api = cluster.Api();
        var wallet = await api.CreateWalletAsync("split-acl");
        var digest = SignatureCheck.RandomDigest();
        SignatureCheck.AssertValid(await api.SignDigestAsync(wallet.GetProperty("id").GetString()!, SignatureCheck.ToHex(digest)), wallet, digest);
    }

    internal static string RandomAddress() => "0x" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    internal static IReadOnlyList<string> SignedBy(JsonElement signature) =>
        signature.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).ToArray();
}
