using System.Net;
using System.Net.Http.Json;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Tests.Lifecycle;
using MpcWallet.Transactions.Tests.Support;

namespace MpcWallet.Transactions.Tests.Api;

/// <summary>A configured chain whose node reports another eth_chainId is refused: readiness fails and nothing is sent there.</summary>
public sealed class ChainConfigurationTests
{
    [Fact]
    public async Task A_chain_id_mismatch_refuses_the_chain_and_fails_readiness()
    {
        await using var anvil = await AnvilChain.StartAsync();
        await using var host = await TransactionsTestHost.StartAsync(anvil, null, null, "--Chains:1:ChainId", "5", "--Chains:1:RpcUrl", anvil.Endpoint.ToString());
        using var client = host.Client();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10), "readiness fails");
        var report = await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync();
        Assert.Equal("Unhealthy", report);

        var (wallet, _) = await host.CreateWalletAsync(UInt256.Parse("1000000000000000000"));
        var (refused, problem) = await host.PostTransferAsync(wallet, new { chainId = 5, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("reports chain id 31337", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The correctly configured chain still works.
        var (accepted, body) = await host.PostTransferAsync(wallet, new { chainId = 31337, to = TransferTests.RandomAddress().ToChecksumString(), value = "1" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await host.WaitForStatusAsync(body.GetProperty("id").GetString()!, "confirmed");
    }
}
