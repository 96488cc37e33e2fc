using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Ethereum.Transactions;
using MpcWallet.Host.Composition;
using MpcWallet.Transactions.Tests.Lifecycle;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.EndToEnd;

/// <summary>
/// No test double: the real host (coordinator, three MPC nodes, transactions) creates a 2-of-3 DKLs23 wallet, the
/// wallet is funded from an Anvil development account, and it sends ETH through threshold signing.
/// </summary>
public sealed class MpcWalletTransferTests
{
    private const string ApiKey = "e2e-tx-key-0001";

    [Fact]
    public async Task A_2_of_3_wallet_sends_eth_and_the_chain_sees_the_wallet_as_sender()
    {
        await using var anvil = await AnvilChain.StartAsync();
        var data = Directory.CreateTempSubdirectory("mpcwallet-tx-e2e-").FullName;
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--data-dir", data, "--environment", "Production",
            "--modules", "coordinator,node,transactions",
            "--Auth:ApiKeys:0:Tenant", "tenant-a", "--Auth:ApiKeys:0:Key", ApiKey,
            "--Node:CreateDevelopmentKeys", "true", "--Node:HeartbeatInterval", "00:00:00.250",
            "--Coordinator:OfflineAfter", "00:00:01.500", "--Coordinator:SessionTimeout", "00:00:10",
            "--Coordinator:QuorumWait", "00:00:01", "--Coordinator:SignatureDeadline", "00:00:40",
            "--Chains:0:ChainId", "31337", "--Chains:0:RpcUrl", anvil.Endpoint.ToString(), "--Chains:0:Confirmations", "2",
            "--Chains:0:PollInterval", "00:00:00.100",
            "--Logging:LogLevel:Default", "Warning",
        };
        for (var i = 0; i < 3; i++)
        {
            args.AddRange([$"--Cluster:Nodes:{i}:GrpcEndpoint", "http://127.0.0.1:0"]);
        }

        var app = MpcWalletHost.Build(args.ToArray());
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(MpcWalletHost.Addresses(app)[0]), Timeout = TimeSpan.FromSeconds(90) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
            await Eventually.TrueAsync(
                async () => (await client.GetFromJsonAsync<JsonElement>("/v1/nodes")).GetProperty("items").EnumerateArray().Count(n => n.GetProperty("status").GetString() == "online") == 3,
                TimeSpan.FromSeconds(20),
                "three nodes are online");

            using var create = new HttpRequestMessage(HttpMethod.Post, "/v1/wallets") { Content = JsonContent.Create(new { label = "tx-e2e", threshold = 2, parties = 3 }) };
            create.Headers.Add("Prefer", "wait=30");
            var wallet = await (await client.SendAsync(create)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("active", wallet.GetProperty("status").GetString());
            var walletId = wallet.GetProperty("id").GetString()!;
            var address = EthereumAddress.Parse(wallet.GetProperty("address").GetString()!);

            // Fund the wallet from Anvil's development account 0 (an ordinary single-key transfer).
            var funder = AnvilAccounts.Key0;
            var fund = new Eip1559Transaction(31337, await anvil.Client.GetTransactionCountAsync(funder.Address, BlockParameter.Pending), 1_000_000_000UL, 10_000_000_000UL, 21_000, address, UInt256.Parse("2000000000000000000"), []);
            await anvil.Client.SendRawTransactionAsync(fund.Sign(funder.Sign(fund.GetSigningHash())));
            await Eventually.TrueAsync(async () => await anvil.Client.GetBalanceAsync(address, BlockParameter.Latest) == UInt256.Parse("2000000000000000000"), TimeSpan.FromSeconds(10), "the wallet is funded");

            var recipient = TransferTests.RandomAddress();
            var value = UInt256.Parse("1234500000000000000");
            JsonElement created = default;
            await Eventually.TrueAsync(async () =>
            {
                // The transactions module learns the wallet from the coordinator's WalletCreated event.
                var response = await client.PostAsJsonAsync($"/v1/wallets/{walletId}/transactions", new { chainId = 31337, to = recipient.ToChecksumString(), value = value.ToString() });
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return false;
                }

                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                created = await response.Content.ReadFromJsonAsync<JsonElement>();
                return true;
            }, TimeSpan.FromSeconds(10), "the transactions module knows the wallet");

            var id = created.GetProperty("id").GetString()!;
            JsonElement transaction = default;
            await Eventually.TrueAsync(async () =>
            {
                transaction = await client.GetFromJsonAsync<JsonElement>($"/v1/transactions/{id}");
                if (transaction.GetProperty("status").GetString() is "failed")
                {
                    throw new InvalidOperationException("the transfer failed: " + transaction);
                }

                if (transaction.GetProperty("status").GetString() != "confirmed")
                {
                    await anvil.MineAsync(); // depth 2: one more block on top
                    return false;
                }

                return true;
            }, TimeSpan.FromSeconds(60), () => "the transfer is confirmed: " + transaction);

            Assert.Equal(value, await anvil.Client.GetBalanceAsync(recipient, BlockParameter.Latest));
            var onChain = await anvil.Client.GetTransactionByHashAsync(transaction.GetProperty("hash").GetString()!);
            Assert.Equal(address, onChain!.From);
            Assert.Equal(0UL, onChain.Nonce);
            Assert.True(transaction.GetProperty("confirmations").GetInt32() >= 2);
            var verification = await client.GetFromJsonAsync<JsonElement>("/v1/audit/verification");
            Assert.True(verification.GetProperty("valid").GetBoolean());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
