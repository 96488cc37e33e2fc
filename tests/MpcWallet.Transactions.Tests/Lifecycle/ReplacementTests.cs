using System.Net;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Testing.Processes;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>
/// Cancel and speed-up of a transaction held back on purpose (Anvil without automine): a replacement at the same
/// nonce passing geth's rule, exactly one attempt mined, every attempt shown with its kind, audited, idempotent.
/// </summary>
public sealed class ReplacementTests
{
    private static readonly UInt256 OneEther = UInt256.Parse("1000000000000000000");

    [Fact]
    public async Task A_speed_up_replaces_the_pending_transaction_with_higher_fees_and_exactly_one_attempt_is_mined()
    {
        await using var anvil = await AnvilChain.StartAsync(automine: false);
        await using var host = await TransactionsTestHost.StartAsync(anvil);
        var (wallet, _) = await host.CreateWalletAsync(OneEther);
        var recipient = TransferTests.RandomAddress();
        var id = await SubmittedAsync(host, wallet, recipient, "777");

        var (response, body) = await host.ReplaceAsync(id, "speedup", idempotencyKey: "speed-1");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(id, body.GetProperty("id").GetString());
        var (again, _) = await host.ReplaceAsync(id, "speedup", idempotencyKey: "speed-1");
        Assert.True(again.IsSuccessStatusCode);

        await Eventually.TrueAsync(async () => (await host.GetTransactionAsync(id)).GetProperty("attempts").EnumerateArray().Count(a => a.GetProperty("status").GetString() == "submitted") == 2, TimeSpan.FromSeconds(20), "the speed-up is broadcast");
        await anvil.MineAsync();
        var confirmed = await host.WaitForStatusAsync(id, "confirmed");

        var attempts = confirmed.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Equal(["original", "speedup"], attempts.Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal([false, true], attempts.Select(a => a.GetProperty("mined").GetBoolean()));
        Assert.All(attempts, a => Assert.False(a.GetProperty("cancels").GetBoolean()));
        Assert.True(Fee(attempts[1], "maxFeePerGas") * 100 >= Fee(attempts[0], "maxFeePerGas") * 110);
        Assert.True(Fee(attempts[1], "maxPriorityFeePerGas") * 100 >= Fee(attempts[0], "maxPriorityFeePerGas") * 110);
        Assert.Equal(attempts[1].GetProperty("hash").GetString(), confirmed.GetProperty("hash").GetString());
        Assert.Null(await anvil.Client.GetTransactionReceiptAsync(attempts[0].GetProperty("hash").GetString()!));
        Assert.Equal((UInt256)777UL, await anvil.Client.GetBalanceAsync(recipient, BlockParameter.Latest));
        Assert.Single(await host.AuditOfAsync(id), e => e.GetProperty("action").GetString() == "speed-up requested through the API");

        var (late, problem) = await host.ReplaceAsync(id, "speedup");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("confirmed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await host.ReplaceAsync(id, "cancel")).Response.StatusCode);
    }

    [Fact]
    public async Task Fees_a_caller_gives_must_pass_geths_integer_rule_one_wei_below_is_a_400_and_the_minimum_is_mined()
    {
        await using var anvil = await AnvilChain.StartAsync(automine: false);
        await using var host = await TransactionsTestHost.StartAsync(anvil);
        var (wallet, _) = await host.CreateWalletAsync(OneEther);
        var id = await SubmittedAsync(host, wallet, TransferTests.RandomAddress(), "1"); // maxFee 2000000001, tip 1000000001

        // 2000000001 × 110 / 100 = 2200000001 (integer division); one wei less is refused.
        var (low, problem) = await host.ReplaceAsync(id, "speedup", new { maxFeePerGas = "2200000000", maxPriorityFeePerGas = "1100000001" });
        Assert.Equal(HttpStatusCode.BadRequest, low.StatusCode);
        Assert.Contains("2200000001", problem.GetProperty("errors").GetProperty("maxFeePerGas")[0].GetString(), StringComparison.Ordinal);
        var (onlyOne, _) = await host.ReplaceAsync(id, "speedup", new { maxFeePerGas = "3000000000" });
        Assert.Equal(HttpStatusCode.BadRequest, onlyOne.StatusCode);

        var (exact, _) = await host.ReplaceAsync(id, "speedup", new { maxFeePerGas = "2200000001", maxPriorityFeePerGas = "1100000001" });
        Assert.Equal(HttpStatusCode.Accepted, exact.StatusCode);
        await Eventually.TrueAsync(async () => (await host.GetTransactionAsync(id)).GetProperty("attempts")[1].GetProperty("status").GetString() == "submitted", TimeSpan.FromSeconds(20), "the minimum replacement is broadcast");
        await anvil.MineAsync();
        var confirmed = await host.WaitForStatusAsync(id, "confirmed");
        Assert.True(confirmed.GetProperty("attempts")[1].GetProperty("mined").GetBoolean());
        Assert.Equal("2200000001", confirmed.GetProperty("attempts")[1].GetProperty("maxFeePerGas").GetString());
    }

    [Fact]
    public async Task A_cancel_takes_the_nonce_with_a_zero_value_self_transfer_and_nothing_the_transaction_asked_for_happens()
    {
        await using var anvil = await AnvilChain.StartAsync(automine: false);
        await using var host = await TransactionsTestHost.StartAsync(anvil);
        var (wallet, key) = await host.CreateWalletAsync(OneEther);
        var recipient = TransferTests.RandomAddress();
        var id = await SubmittedAsync(host, wallet, recipient, "777");

        var (response, _) = await host.ReplaceAsync(id, "cancel", idempotencyKey: "cancel-1");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (twice, _) = await host.ReplaceAsync(id, "cancel", idempotencyKey: "cancel-1");
        Assert.True(twice.IsSuccessStatusCode);
        var (other, pending) = await host.ReplaceAsync(id, "cancel");
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);

        await Eventually.TrueAsync(async () => (await host.GetTransactionAsync(id)).GetProperty("attempts").EnumerateArray().Count(a => a.GetProperty("status").GetString() == "submitted") == 2, TimeSpan.FromSeconds(20), "the cancel is broadcast");
        await anvil.MineAsync();
        var cancelled = await host.WaitForStatusAsync(id, "cancelled");

        var attempts = cancelled.GetProperty("attempts").EnumerateArray().ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.Equal("cancel", attempts[1].GetProperty("kind").GetString());
        Assert.True(attempts[1].GetProperty("cancels").GetBoolean());
        Assert.Equal([false, true], attempts.Select(a => a.GetProperty("mined").GetBoolean()));
        Assert.StartsWith("cancelled", cancelled.GetProperty("error").GetString(), StringComparison.Ordinal);
        var mined = await anvil.Client.GetTransactionByHashAsync(cancelled.GetProperty("hash").GetString()!);
        Assert.Equal(key.Address, mined!.To);
        Assert.True(mined.Value.IsZero);
        Assert.Equal(0UL, mined.Nonce);
        Assert.True((await anvil.Client.GetBalanceAsync(recipient, BlockParameter.Latest)).IsZero);
        Assert.Contains(await host.AuditOfAsync(id), e => e.GetProperty("action").GetString() == "cancel requested through the API");
        Assert.Contains(await host.AuditOfAsync(id), e => e.GetProperty("newStatus").GetString() == "cancelled");
        Assert.Equal(HttpStatusCode.Conflict, (await host.ReplaceAsync(id, "speedup")).Response.StatusCode);
        Assert.Contains("cancel", pending.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transaction_cancelled_before_anything_was_broadcast_ends_at_once_and_its_nonce_is_reused()
    {
        await using var anvil = await AnvilChain.StartAsync();
        await using var host = await TransactionsTestHost.StartAsync(anvil);
        var (wallet, _) = await host.CreateWalletAsync(OneEther);
        host.Wallets.Paused = true;
        var (_, created) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "3" });
        var id = created.GetProperty("id").GetString()!;

        var (speedUp, _) = await host.ReplaceAsync(id, "speedup");
        Assert.Equal(HttpStatusCode.Conflict, speedUp.StatusCode);
        var (response, cancelled) = await host.ReplaceAsync(id, "cancel");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode); // final at once
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cancelled.GetProperty("nonce").ValueKind);

        // The held signature arrives late and is ignored; the released nonce 0 goes to the next transfer.
        await host.Wallets.ResumeAsync();
        var (_, next) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "4" });
        Assert.Equal(0UL, (await host.WaitForStatusAsync(next.GetProperty("id").GetString()!, "confirmed")).GetProperty("nonce").GetUInt64());
        Assert.Equal("cancelled", (await host.GetTransactionAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_transaction_pending_longer_than_cancel_after_is_cancelled_so_the_queue_moves_on()
    {
        await using var anvil = await AnvilChain.StartAsync(automine: false);
        await using var host = await TransactionsTestHost.StartAsync(anvil, null, null, "--Chains:0:CancelAfter", "00:00:02");
        var (wallet, _) = await host.CreateWalletAsync(OneEther);
        var id = await SubmittedAsync(host, wallet, TransferTests.RandomAddress(), "9");

        await Eventually.TrueAsync(async () => (await host.GetTransactionAsync(id)).GetProperty("attempts").EnumerateArray().Any(a => a.GetProperty("cancels").GetBoolean() && a.GetProperty("status").GetString() == "submitted"), TimeSpan.FromSeconds(30), "the expired transaction is cancelled");
        await anvil.MineAsync();
        await host.WaitForStatusAsync(id, "cancelled");
        Assert.Contains(await host.AuditOfAsync(id), e => e.GetProperty("action").GetString()!.StartsWith("expired", StringComparison.Ordinal));
    }

    private static async Task<string> SubmittedAsync(TransactionsTestHost host, string wallet, Ethereum.Addresses.EthereumAddress recipient, string value)
    {
        var (_, created) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = recipient.ToChecksumString(), value, maxFeePerGas = "2000000001", maxPriorityFeePerGas = "1000000001" });
        var id = created.GetProperty("id").GetString()!;
        await host.WaitForStatusAsync(id, "submitted");
        return id;
    }

    private static System.Numerics.BigInteger Fee(System.Text.Json.JsonElement attempt, string name) => UInt256.Parse(attempt.GetProperty(name).GetString()!).ToBigInteger();
}
