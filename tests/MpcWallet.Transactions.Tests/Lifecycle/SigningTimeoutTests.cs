using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Lifecycle;

/// <summary>A coordinator that never answers: the attempt is given up after the signing timeout, the nonce is reused, a late signature is ignored.</summary>
public sealed class SigningTimeoutTests
{
    [Fact]
    public async Task An_unanswered_signature_request_fails_the_transaction_and_releases_its_nonce()
    {
        await using var anvil = await AnvilChain.StartAsync();
        await using var host = await TransactionsTestHost.StartAsync(anvil, null, null, "--Transactions:SigningTimeout", "00:00:06", "--Transactions:SignatureResendAfter", "00:00:00.500");
        var (wallet, _) = await host.CreateWalletAsync(UInt256.Parse("1000000000000000000"));
        host.Wallets.Paused = true;
        var (_, first) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" });
        var failed = await host.WaitForStatusAsync(first.GetProperty("id").GetString()!, "failed");
        Assert.Contains("no signature within", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        // The request was sent again before giving up (same signature id): resent every 0.5 s, given up after 6 s, so
        // several resends fit even on a loaded machine.
        Assert.True(host.Wallets.Held.Count >= 2, $"{host.Wallets.Held.Count} request(s) held");
        Assert.Single(host.Wallets.Held.Select(r => r.SignatureId).Distinct());

        await host.Wallets.ResumeAsync(); // late signatures for the given-up attempt arrive now and are ignored
        var (_, second) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" });
        Assert.Equal(0UL, (await host.WaitForStatusAsync(second.GetProperty("id").GetString()!, "confirmed")).GetProperty("nonce").GetUInt64());
        Assert.Equal("failed", (await host.GetTransactionAsync(first.GetProperty("id").GetString()!)).GetProperty("status").GetString());
    }
}
