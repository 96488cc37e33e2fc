using System.Net;
using System.Text.Json;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Tests.Lifecycle;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Kinds;

/// <summary>
/// The checked-in ERC-20 (tests/contracts/TestToken.sol) deployed on Anvil: tokens moved from a wallet by an
/// erc20Transfer and by contract calls built from an ABI, balances read back with cast; calls that would revert are a
/// 422 with their decoded reason and nothing is stored, signed or mined.
/// </summary>
public sealed class TokenAndContractCallTests(AutomineFixture fixture) : IClassFixture<AutomineFixture>
{
    private static readonly UInt256 OneEther = UInt256.Parse("1000000000000000000");

    private TransactionsTestHost Host => fixture.Host;

    [Fact]
    public async Task An_erc20_transfer_moves_tokens_from_the_wallet_and_shows_symbol_and_decimals_read_from_the_chain()
    {
        var (wallet, key) = await Host.CreateWalletAsync(OneEther);
        var token = await OutsideSender.DeployTokenAsync(Host.Anvil, "TTK", 6, key.Address, 1_000_000);
        var recipient = TransferTests.RandomAddress();

        var (response, created) = await Host.PostTransferAsync(wallet, new { kind = "erc20Transfer", chainId = 31337, token = token.ToChecksumString(), to = recipient.ToChecksumString(), amount = "400000" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var confirmed = await Host.WaitForStatusAsync(created.GetProperty("id").GetString()!, "confirmed");

        Assert.Equal("erc20Transfer", confirmed.GetProperty("kind").GetString());
        Assert.Equal(token.ToChecksumString(), confirmed.GetProperty("to").GetString());
        Assert.Equal("0", confirmed.GetProperty("value").GetString());
        var shown = confirmed.GetProperty("token");
        Assert.Equal(token.ToChecksumString(), shown.GetProperty("address").GetString());
        Assert.Equal("TTK", shown.GetProperty("symbol").GetString());
        Assert.Equal(6, shown.GetProperty("decimals").GetInt32());
        Assert.Equal(recipient.ToChecksumString(), shown.GetProperty("recipient").GetString());
        Assert.Equal("400000", shown.GetProperty("amount").GetString());
        Assert.Equal("400000", await Cast.CallAsync(Host.Anvil.Endpoint, token.ToChecksumString(), "balanceOf(address)(uint256)", recipient.ToChecksumString()));
        Assert.Equal("600000", await Cast.CallAsync(Host.Anvil.Endpoint, token.ToChecksumString(), "balanceOf(address)(uint256)", key.Address.ToChecksumString()));
    }

    [Fact]
    public async Task An_erc20_transfer_beyond_the_balance_is_a_422_and_nothing_is_stored_or_mined()
    {
        var (wallet, key) = await Host.CreateWalletAsync(OneEther);
        var token = await OutsideSender.DeployTokenAsync(Host.Anvil, "TTK", 18, key.Address, 10);
        var block = await Host.Anvil.Client.GetBlockNumberAsync();

        var (response, problem) = await Host.PostTransferAsync(wallet, new { kind = "erc20Transfer", chainId = 31337, token = token.ToChecksumString(), to = TransferTests.RandomAddress().ToChecksumString(), amount = "11" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("The transaction would revert.", problem.GetProperty("title").GetString());
        // TestToken's InsufficientBalance error is not in ERC-20; the problem carries its selector and data.
        Assert.StartsWith("0x", problem.GetProperty("revertData").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Host.ListAsync(wallet));
        Assert.Equal(block, await Host.Anvil.Client.GetBlockNumberAsync());
        Assert.Equal("10", await Cast.CallAsync(Host.Anvil.Endpoint, token.ToChecksumString(), "balanceOf(address)(uint256)", key.Address.ToChecksumString()));
    }

    [Fact]
    public async Task A_contract_call_from_the_compiler_abi_and_one_from_a_human_readable_fragment_are_encoded_signed_and_mined()
    {
        var (wallet, key) = await Host.CreateWalletAsync(OneEther);
        var token = await OutsideSender.DeployTokenAsync(Host.Anvil, "CCT", 0, key.Address, 1000);
        var recipient = TransferTests.RandomAddress();
        var spender = TransferTests.RandomAddress();
        var abi = JsonDocument.Parse(TestToken.AbiJson).RootElement;

        var (first, transfer) = await Host.PostTransferAsync(wallet, new { kind = "contractCall", chainId = 31337, to = token.ToChecksumString(), abi, function = "transfer", args = new object[] { recipient.ToChecksumString(), "250" } });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var (second, approve) = await Host.PostTransferAsync(wallet, new { kind = "contractCall", chainId = 31337, to = token.ToChecksumString(), abi = "function approve(address spender, uint256 value) returns (bool)", args = new { spender = spender.ToLowerHex(), value = "0x10" } });
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);

        var transferred = await Host.WaitForStatusAsync(transfer.GetProperty("id").GetString()!, "confirmed");
        Assert.Equal("contractCall", transferred.GetProperty("kind").GetString());
        Assert.Equal("transfer(address,uint256)", transferred.GetProperty("call").GetProperty("function").GetString());
        Assert.Equal(recipient.ToChecksumString(), transferred.GetProperty("call").GetProperty("args").GetProperty("to").GetString());
        Assert.Equal("250", transferred.GetProperty("call").GetProperty("args").GetProperty("value").GetString());
        Assert.Equal(TestToken.Abi.Function("transfer").EncodeCall(recipient, 250), HexBytes.Parse(transferred.GetProperty("data").GetString()!));
        var approved = await Host.WaitForStatusAsync(approve.GetProperty("id").GetString()!, "confirmed");
        Assert.Equal("approve(address,uint256)", approved.GetProperty("call").GetProperty("function").GetString());
        Assert.Equal("16", approved.GetProperty("call").GetProperty("args").GetProperty("value").GetString());

        Assert.Equal("250", await Cast.CallAsync(Host.Anvil.Endpoint, token.ToChecksumString(), "balanceOf(address)(uint256)", recipient.ToChecksumString()));
        Assert.Equal("16", await Cast.CallAsync(Host.Anvil.Endpoint, token.ToChecksumString(), "allowance(address,address)(uint256)", key.Address.ToChecksumString(), spender.ToChecksumString()));
    }

    [Theory]
    [InlineData("failWithCustomError", "[42]", null, "Refused(code: \"42\", why: \"on purpose\")")]
    [InlineData("failWithReason", "[]", "100000", "TestToken: refused on purpose")] // gasLimit given: no estimation, the simulation refuses it
    [InlineData("divide", "[\"0\"]", "100000", "panic 0x12")]
    [InlineData("mint", "[\"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\", \"1\"]", null, "NotOwner(caller: ")]
    public async Task A_contract_call_that_would_revert_is_a_422_with_its_decoded_reason_and_nothing_is_signed_or_mined(string function, string args, string? gasLimit, string reason)
    {
        var (wallet, key) = await Host.CreateWalletAsync(OneEther);
        var token = await OutsideSender.DeployTokenAsync(Host.Anvil, "RVT", 18, key.Address, 1);
        var requests = Host.Wallets.Requests.Count;
        var block = await Host.Anvil.Client.GetBlockNumberAsync();
        var abi = JsonDocument.Parse(TestToken.AbiJson).RootElement;

        var (response, problem) = await Host.PostTransferAsync(wallet, new { kind = "contractCall", chainId = 31337, to = token.ToChecksumString(), abi, function, args = JsonDocument.Parse(args).RootElement, gasLimit });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(reason, problem.GetProperty("revertReason").GetString(), StringComparison.Ordinal);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Host.ListAsync(wallet));
        Assert.Equal(requests, Host.Wallets.Requests.Count);
        Assert.Equal(block, await Host.Anvil.Client.GetBlockNumberAsync());
        Assert.Equal(0UL, await Host.Anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
    }

    [Fact]
    public async Task A_token_transfer_or_contract_call_to_an_address_without_code_is_a_422()
    {
        var (wallet, _) = await Host.CreateWalletAsync(OneEther);
        var nobody = TransferTests.RandomAddress().ToChecksumString();
        var (token, tokenProblem) = await Host.PostTransferAsync(wallet, new { kind = "erc20Transfer", chainId = 31337, token = nobody, to = nobody, amount = "1" });
        var (call, callProblem) = await Host.PostTransferAsync(wallet, new { kind = "contractCall", chainId = 31337, to = nobody, abi = "function ping()" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, token.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, call.StatusCode);
        Assert.Contains("no code", tokenProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("no code", callProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Host.ListAsync(wallet));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"kind":"erc20Transfer","chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","amount":"1"}""", "token" },
        { """{"kind":"erc20Transfer","chainId":31337,"token":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}""", "amount" },
        { """{"kind":"erc20Transfer","chainId":31337,"token":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","amount":"1","value":"5"}""", "value" },
        { """{"kind":"erc20Transfer","chainId":31337,"token":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","amount":"1.5"}""", "amount" },
        { """{"chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","token":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}""", "token" }, // kind forgotten
        { """{"kind":"contractCall","chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}""", "abi" },
        { """{"kind":"contractCall","chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","abi":"function f(uint8 x)","args":["256"]}""", "args" },
        { """{"kind":"contractCall","chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","abi":"function f(uint8 x)","args":[]}""", "args" },
        { """{"kind":"contractCall","chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","abi":"function f(uint8 x)","function":"g","args":[1]}""", "function" },
        { """{"kind":"contractCall","chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","abi":[{"type":"function","name":"f","inputs":[]}]}""", "function" },
        { """{"kind":"contractCall","chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","abi":[{"type":"function","name":"f","inputs":[]}],"function":"g"}""", "function" },
        { """{"kind":"contractCall","chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","abi":"function f()","value":"1"}""", "value" },
        { """{"kind":"contractCall","chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","abi":"function f(","args":[]}""", "abi" },
        { """{"kind":"contractCall","chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","abi":"function f()","data":"0x00"}""", "data" },
        { """{"kind":"swap","chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}""", "kind" },
        { """{"chainId":31337,"to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","allowBelowBaseFee":"yes"}""", "allowBelowBaseFee" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_kind_field_is_a_400_naming_it(string json, string field)
    {
        var (wallet, _) = await Host.CreateWalletAsync(OneEther);
        using var client = Host.Client();
        var response = await client.PostAsync($"/v1/wallets/{wallet}/transactions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty(await Host.ListAsync(wallet));
    }
}
