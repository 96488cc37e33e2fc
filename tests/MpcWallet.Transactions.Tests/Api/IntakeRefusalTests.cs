using System.Net;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Tests.Lifecycle;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Api;

/// <summary>
/// What would never be mined is refused at intake with a problem, and nothing is stored: no transaction, no nonce
/// taken (the wallet's next transfer gets nonce 0).
/// </summary>
public sealed class IntakeRefusalTests(AutomineFixture fixture) : IClassFixture<AutomineFixture>
{
    private static readonly UInt256 TenEther = UInt256.Parse("10000000000000000000");

    private TransactionsTestHost Host => fixture.Host;

    [Fact]
    public async Task The_findings_gas_limit_below_the_calldata_floor_is_a_400_naming_the_minimum_and_the_minimum_is_mined()
    {
        var (wallet, _) = await Host.CreateWalletAsync(TenEther);
        var to = TransferTests.RandomAddress().ToChecksumString();
        var (refused, problem) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to, gasLimit = "21000", data = "0xdeadbeef" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = problem.GetProperty("errors").GetProperty("gasLimit")[0].GetString()!;
        Assert.Contains("21160", message, StringComparison.Ordinal);
        Assert.Contains("EIP-7623", message, StringComparison.Ordinal);
        Assert.Empty(await Host.ListAsync(wallet));

        var (accepted, created) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to, gasLimit = "21160", data = "0xdeadbeef" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var confirmed = await Host.WaitForStatusAsync(created.GetProperty("id").GetString()!, "confirmed");
        Assert.Equal(0UL, confirmed.GetProperty("nonce").GetUInt64());
    }

    [Theory]
    [InlineData("16777217", "EIP-7825")] // 2^24 + 1: no transaction may ask for more (Osaka)
    [InlineData("60000", null)] // above intrinsic: accepted
    public async Task A_gas_limit_above_the_per_transaction_cap_is_a_400(string gasLimit, string? problemMentions)
    {
        var (wallet, _) = await Host.CreateWalletAsync(TenEther);
        var (response, body) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), gasLimit });
        if (problemMentions is null)
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problemMentions, body.GetProperty("errors").GetProperty("gasLimit")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await Host.ListAsync(wallet));
    }

    [Fact]
    public async Task A_max_fee_below_the_base_fee_is_a_422_with_nothing_stored_unless_the_caller_allows_it_to_wait()
    {
        var (wallet, key) = await Host.CreateWalletAsync(TenEther);
        var to = TransferTests.RandomAddress().ToChecksumString();
        var (refused, problem) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to, value = "1", maxFeePerGas = "1", maxPriorityFeePerGas = "1" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(UInt256.Parse(problem.GetProperty("baseFeePerGas").GetString()!) > (UInt256)1UL);
        Assert.Contains("allowBelowBaseFee", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Host.ListAsync(wallet));

        // The caller says it may wait: accepted (Anvil's pool refuses it until the base fee falls; see BelowBaseFeeTests).
        var (accepted, waiting) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to, value = "1", maxFeePerGas = "1", maxPriorityFeePerGas = "1", allowBelowBaseFee = true });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(0UL, waiting.GetProperty("nonce").GetUInt64());
        Assert.Equal(0UL, await Host.Anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
    }

    [Fact]
    public async Task Insufficient_funds_are_a_422_with_nothing_stored_and_the_next_transfer_gets_nonce_0()
    {
        var (wallet, key) = await Host.CreateWalletAsync(UInt256.Parse("10000000000000000")); // 0.01 ETH
        var (refused, problem) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1000000000000000000" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("insufficient funds", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(problem.TryGetProperty("transactionId", out _));
        Assert.Empty(await Host.ListAsync(wallet));

        var recipient = TransferTests.RandomAddress();
        var (accepted, next) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = recipient.ToChecksumString(), value = "1000000000000000" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var confirmed = await Host.WaitForStatusAsync(next.GetProperty("id").GetString()!, "confirmed");
        Assert.Equal(0UL, confirmed.GetProperty("nonce").GetUInt64());
        Assert.Equal(UInt256.Parse("1000000000000000"), await Host.Anvil.Client.GetBalanceAsync(recipient, BlockParameter.Latest));
        Assert.Equal(1UL, await Host.Anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
    }

    [Fact]
    public async Task A_call_that_reverts_is_a_422_even_with_a_given_gas_limit_and_nothing_is_signed_or_mined()
    {
        var (wallet, key) = await Host.CreateWalletAsync(TenEther);
        var target = TransferTests.RandomAddress();
        await Host.Anvil.Client.SendAsync(new EthereumRpcCall<bool>("anvil_setCode", [target.ToLowerHex(), "0x60006000fd"], _ => true)); // PUSH1 0 PUSH1 0 REVERT
        var requests = Host.Wallets.Requests.Count;
        var block = await Host.Anvil.Client.GetBlockNumberAsync();

        // With gasLimit given there is no estimation: only the simulation stands between this call and the chain.
        var (response, problem) = await Host.PostTransferAsync(wallet, new { chainId = 31337, to = target.ToChecksumString(), data = "0x01", gasLimit = "60000" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("simulation", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("reverted without data", problem.GetProperty("revertReason").GetString());
        Assert.Empty(await Host.ListAsync(wallet));
        Assert.Equal(requests, Host.Wallets.Requests.Count);
        Assert.Equal(block, await Host.Anvil.Client.GetBlockNumberAsync());
        Assert.Equal(0UL, await Host.Anvil.Client.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
    }
}
