using System.Net;
using System.Text.Json;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Api;

/// <summary>Problem-details validation of the create endpoint (nothing is created, no nonce is taken).</summary>
public sealed class ValidationTests(AutomineFixture fixture) : IClassFixture<AutomineFixture>
{
    private TransactionsTestHost Host => fixture.Host;

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"chainId":31337,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD","value":"1"}""", "to" }, // wrong EIP-55 checksum (last letter)
        { """{"chainId":31337,"to":"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae","value":"1"}""", "to" }, // 19.5 bytes
        { """{"chainId":31337,"value":"1"}""", "to" },
        { """{"chainId":31337,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","value":"-1"}""", "value" },
        { """{"chainId":31337,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","value":"115792089237316195423570985008687907853269984665640564039457584007913129639936"}""", "value" }, // 2^256
        { """{"chainId":31337,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","value":1}""", "value" },
        { """{"chainId":31337,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","value":"1.5"}""", "value" },
        { """{"chainId":1,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"}""", "chainId" },
        { """{"chainId":-5,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"}""", "chainId" },
        { """{"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"}""", "chainId" },
        { """{"chainId":31337,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","data":"0xzz"}""", "data" },
        { """{"chainId":31337,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","data":"0x123"}""", "data" },
        { """{"chainId":31337,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","data":"abcd"}""", "data" },
        { """{"chainId":31337,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","gasLimit":"20999"}""", "gasLimit" },
        { """{"chainId":31337,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","maxFeePerGas":"10","maxPriorityFeePerGas":"11"}""", "maxPriorityFeePerGas" },
        { """{"chainId":31337,"to":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","maxFeePerGas":"900000000000000","maxPriorityFeePerGas":"1"}""", "maxFeePerGas" }, // above the default cap
        { """[1,2]""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_field_is_a_400_problem_naming_the_field(string json, string field)
    {
        var (wallet, _) = await Host.CreateWalletAsync(UInt256.Parse("1000000000000000000"));
        using var client = Host.Client();
        var response = await client.PostAsync($"/v1/wallets/{wallet}/transactions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.DoesNotContain("   at ", problem.ToString(), StringComparison.Ordinal);

        var list = JsonDocument.Parse(await client.GetStringAsync($"/v1/wallets/{wallet}/transactions")).RootElement;
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_wallet_is_a_404()
    {
        var (response, problem) = await Host.PostTransferAsync("wal_missing", new { chainId = 31337, to = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_call_that_would_revert_is_a_422_without_a_transaction()
    {
        var (wallet, _) = await Host.CreateWalletAsync(UInt256.Parse("1000000000000000000"));
        // Contract creation is not offered; a call to a contract that always reverts: deploy one with anvil_setCode.
        var target = Lifecycle.TransferTests.RandomAddress();
        await Host.Anvil.Client.SendAsync(new MpcWallet.Ethereum.Rpc.EthereumRpcCall<bool>("anvil_setCode", [target.ToLowerHex(), "0x60006000fd"], _ => true)); // PUSH1 0 PUSH1 0 REVERT
        var (response, problem) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = target.ToChecksumString(), data = "0x01" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("revert", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
