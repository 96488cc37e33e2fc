using System.Net;
using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>Transfers against a real auto-mining Anvil, signed through the broker by the test coordinator.</summary>
public sealed class TransferTests(AutomineFixture fixture) : IClassFixture<AutomineFixture>
{
    private static readonly UInt256 OneEther = UInt256.Parse("1000000000000000000");
    private static readonly UInt256 TenEther = UInt256.Parse("10000000000000000000");

    private TransactionsTestHost Host => fixture.Host;

    [Fact]
    public async Task A_transfer_is_signed_submitted_and_confirmed_with_the_wallet_as_sender()
    {
        var (wallet, key) = await Host.CreateWalletAsync(TenEther);
        var recipient = RandomAddress();
        var (response, created) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = recipient.ToChecksumString(), value = "1000000000000000000" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/v1/transactions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(key.Address.ToChecksumString(), created.GetProperty("from").GetString());

        var confirmed = await Host.WaitForStatusAsync(id, "confirmed");
        Assert.Equal(0UL, confirmed.GetProperty("nonce").GetUInt64());
        var hash = confirmed.GetProperty("hash").GetString()!;
        Assert.True(confirmed.GetProperty("confirmations").GetInt32() >= 1);
        Assert.Single(confirmed.GetProperty("attempts").EnumerateArray());
        Assert.Equal(OneEther, await Host.Anvil.Client.GetBalanceAsync(recipient, BlockParameter.Latest));
        var onChain = await Host.Anvil.Client.GetTransactionByHashAsync(hash);
        Assert.NotNull(onChain);
        Assert.Equal(key.Address, onChain.From);
        Assert.Equal(2, onChain.Type);
        var receipt = await Host.Anvil.Client.GetTransactionReceiptAsync(hash);
        Assert.Equal((ulong)confirmed.GetProperty("blockNumber").GetUInt64(), receipt!.BlockNumber);

        var actions = (await Host.AuditOfAsync(id)).Select(e => $"{e.GetProperty("oldStatus")}>{e.GetProperty("newStatus").GetString()}:{e.GetProperty("action").GetString()}").ToArray();
        await Eventually.TrueAsync(() => Task.FromResult(Host.Wallets.Events.Any(e => e.TransactionId == id && e.NewStatus == "confirmed")), TimeSpan.FromSeconds(10), "the confirmed event is published");
        var published = Host.Wallets.Events.Where(e => e.TransactionId == id).Select(e => $"{e.OldStatus}>{e.NewStatus}").ToArray();
        Assert.Equal([">queued", "queued>signing", "signing>submitted", "submitted>confirmed"], published);
        Assert.All(Host.Wallets.Events.Where(e => e.TransactionId == id), e => Assert.Equal(wallet, e.WalletId));

        Assert.Equal([">queued:accepted", "queued>signing:signature requested", "signing>signing:signed", "signing>submitted:broadcast", "submitted>submitted:mined", "submitted>confirmed:confirmed"], actions);
    }

    [Fact]
    public async Task Fifty_concurrent_transfers_from_one_wallet_use_nonces_0_to_49_and_all_confirm()
    {
        var (wallet, key) = await Host.CreateWalletAsync(TenEther * 10);
        var recipient = RandomAddress();
        var posts = Enumerable.Range(0, 50).Select(_ => Host.PostTransferAsync(wallet, new { chainId = 31337, to = recipient.ToChecksumString(), value = "1000" })).ToArray();
        var ids = new List<string>();
        foreach (var (response, body) in await Task.WhenAll(posts))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add(body.GetProperty("id").GetString()!);
        }

        var nonces = new List<ulong>();
        foreach (var id in ids)
        {
            nonces.Add((await Host.WaitForStatusAsync(id, "confirmed", TimeSpan.FromSeconds(60))).GetProperty("nonce").GetUInt64());
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (ulong)i), nonces.Order());
        Assert.Equal(50UL, await Host.Anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
        Assert.Equal((UInt256)50_000UL, await Host.Anvil.Client.GetBalanceAsync(recipient, BlockParameter.Latest));
    }

    [Fact]
    public async Task A_transaction_failing_before_broadcast_between_others_has_its_nonce_filled()
    {
        var (wallet, key) = await Host.CreateWalletAsync(TenEther);
        Host.Wallets.Paused = true;
        string[] ids;
        try
        {
            var bodies = new[] { "1", "2", "3" };
            var created = new List<string>();
            foreach (var value in bodies)
            {
                var (_, body) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = RandomAddress().ToChecksumString(), value });
                created.Add(body.GetProperty("id").GetString()!);
            }

            ids = created.ToArray();
            Host.Wallets.FailWhen = request => request.Purpose.Contains(ids[1], StringComparison.Ordinal);
        }
        finally
        {
            await Host.Wallets.ResumeAsync();
        }

        var failed = await Host.WaitForStatusAsync(ids[1], "failed");
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("nonce").ValueKind);
        Assert.Equal(0UL, (await Host.WaitForStatusAsync(ids[0], "confirmed")).GetProperty("nonce").GetUInt64());
        Assert.Equal(2UL, (await Host.WaitForStatusAsync(ids[2], "confirmed")).GetProperty("nonce").GetUInt64());
        Host.Wallets.FailWhen = null;

        using var client = Host.Client();
        var list = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<JsonElement>(client, $"/v1/wallets/{wallet}/transactions");
        var filler = list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "nonce-filler");
        var filled = await Host.WaitForStatusAsync(filler.GetProperty("id").GetString()!, "confirmed");
        Assert.Equal(1UL, filled.GetProperty("nonce").GetUInt64());
        Assert.Equal(key.Address.ToChecksumString(), filled.GetProperty("to").GetString());
        Assert.Equal(3UL, await Host.Anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
    }

    [Fact]
    public async Task The_newest_nonce_of_a_transaction_failing_before_broadcast_is_reused()
    {
        var (wallet, _) = await Host.CreateWalletAsync(TenEther);
        Host.Wallets.FailWhen = request => request.WalletId == wallet;
        var (_, first) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = RandomAddress().ToChecksumString(), value = "5" });
        var failed = await Host.WaitForStatusAsync(first.GetProperty("id").GetString()!, "failed");
        Assert.Contains("signing failed", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Host.Wallets.FailWhen = null;

        var (_, second) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = RandomAddress().ToChecksumString(), value = "5" });
        var confirmed = await Host.WaitForStatusAsync(second.GetProperty("id").GetString()!, "confirmed");
        Assert.Equal(0UL, confirmed.GetProperty("nonce").GetUInt64());
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_makes_one_transaction_and_a_different_body_conflicts()
    {
        var (wallet, _) = await Host.CreateWalletAsync(TenEther);
        var to = RandomAddress().ToChecksumString();
        var key = Guid.NewGuid().ToString();
        var (firstResponse, first) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to, value = "7" }, key);
        var (secondResponse, second) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = to.ToLowerInvariant(), value = "7", data = "0x" }, key);
        Assert.Equal(HttpStatusCode.Accepted, firstResponse.StatusCode);
        Assert.True(secondResponse.IsSuccessStatusCode);
        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());

        var (conflict, problem) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to, value = "8" }, key);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());

        await Host.WaitForStatusAsync(first.GetProperty("id").GetString()!, "confirmed");
        using var client = Host.Client();
        var list = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<JsonElement>(client, $"/v1/wallets/{wallet}/transactions");
        Assert.Single(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Prefer_wait_answers_with_the_confirmed_transaction()
    {
        var (wallet, _) = await Host.CreateWalletAsync(TenEther);
        using var client = Host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/wallets/{wallet}/transactions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { chainId = 31337, to = RandomAddress().ToChecksumString(), value = "9", gasLimit = "30000", maxFeePerGas = "3000000000", maxPriorityFeePerGas = "1000000000" }),
        };
        request.Headers.Add("Prefer", "wait=20");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonElement>(response.Content);
        Assert.Equal("confirmed", body.GetProperty("status").GetString());
        Assert.Equal("30000", body.GetProperty("gasLimit").GetString());
        Assert.Equal("3000000000", body.GetProperty("attempts")[0].GetProperty("maxFeePerGas").GetString());
    }

    [Fact]
    public async Task Listing_pages_newest_first_and_another_tenant_sees_nothing()
    {
        var (wallet, _) = await Host.CreateWalletAsync(TenEther);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, body) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = RandomAddress().ToChecksumString(), value = "1" });
            ids.Add(body.GetProperty("id").GetString()!);
        }

        using var client = Host.Client();
        var first = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<JsonElement>(client, $"/v1/wallets/{wallet}/transactions?limit=2");
        Assert.Equal([ids[2], ids[1]], first.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<JsonElement>(client, $"/v1/wallets/{wallet}/transactions?limit=2&cursor={cursor}");
        Assert.Equal([ids[0]], second.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        using var other = Host.Client(TransactionsTestHost.KeyB);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/transactions/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/wallets/{wallet}/transactions")).StatusCode);
        var (foreign, _) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = RandomAddress().ToChecksumString(), value = "1" }, apiKey: TransactionsTestHost.KeyB);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var anonymous = Host.Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/v1/transactions/{ids[0]}")).StatusCode);
    }

    internal static EthereumAddress RandomAddress() => EthereumAddress.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
}
