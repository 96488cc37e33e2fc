using System.Diagnostics;
using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.EndToEndTests.Support;
using MpcWallet.Node;

namespace MpcWallet.EndToEndTests;

/// <summary>
/// Nodes that are down, die mid-session, or are too few: the coordinator retries or fails clearly, never hangs.
/// Runs on both backends (the two classes at the bottom).
/// </summary>
public abstract class FailureScenarios(Backend backend)
{
    private static string DigestJson() => $$"""{"type": "digest", "digest": "0x{{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}}"}""";

    [Fact]
    public async Task With_one_of_three_nodes_stopped_a_two_of_three_wallet_still_signs()
    {
        await using var host = await TestHost.StartAsync(backend);
        using var client = host.Client();
        var wallet = await Api.CreateActiveWalletAsync(client);

        await NodeModule.StopLocalNodeAsync(host.Services, "node-1");
        var (status, signature, _) = await Api.PostAsync(client, $"/v1/wallets/{wallet.GetProperty("id").GetString()}/signatures", DigestJson(), wait: 30);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("completed", signature.GetProperty("status").GetString());
        Assert.Equal(new[] { "node-2", "node-3" }, signature.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).ToArray());
        SignatureCheck.AssertValid(signature, wallet, SignatureCheck.Hex(signature.GetProperty("digest").GetString()!));
    }

    [Fact]
    public async Task A_node_dying_mid_session_makes_the_coordinator_retry_with_another_quorum()
    {
        NodeKiller? killer = null;
        await using var host = await TestHost.StartAsync(backend, configureServices: services =>
        {
            services.AddSingleton<NodeKiller>();
            services.AddConsumeObserver(sp => sp.GetRequiredService<NodeKiller>());
        });
        killer = host.Services.GetRequiredService<NodeKiller>();
        using var client = host.Client();
        var wallet = await Api.CreateActiveWalletAsync(client);

        killer.Arm();
        var (status, signature, _) = await Api.PostAsync(client, $"/v1/wallets/{wallet.GetProperty("id").GetString()}/signatures", DigestJson(), wait: 30);
        var victim = await killer.Killed.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.Created, status);
        var signers = signature.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).ToArray();
        Assert.Equal(2, signers.Length);
        Assert.DoesNotContain(victim, signers);
        SignatureCheck.AssertValid(signature, wallet, SignatureCheck.Hex(signature.GetProperty("digest").GetString()!));
    }

    [Fact]
    public async Task With_fewer_than_t_nodes_online_the_signature_fails_with_a_clear_reason_before_its_deadline()
    {
        await using var host = await TestHost.StartAsync(backend);
        using var client = host.Client();
        var wallet = await Api.CreateActiveWalletAsync(client);
        await NodeModule.StopLocalNodeAsync(host.Services, "node-2");
        await NodeModule.StopLocalNodeAsync(host.Services, "node-3");
        await host.WaitUntilNodesOnlineAsync(2, online: false);

        var clock = Stopwatch.StartNew();
        var (status, signature, _) = await Api.PostAsync(client, $"/v1/wallets/{wallet.GetProperty("id").GetString()}/signatures", DigestJson(), wait: 30);
        clock.Stop();

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("failed", signature.GetProperty("status").GetString());
        var error = signature.GetProperty("error").GetString()!;
        Assert.Contains("only 1 of the wallet's 3 nodes are online", error, StringComparison.Ordinal);
        Assert.Contains("2 are needed", error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }
}

public sealed class FailureScenariosOnInMemoryAndSqliteTests() : FailureScenarios(Backend.InMemorySqlite);

[Collection(RealBrokerCollection.Name)]
public sealed class FailureScenariosOnRabbitMqAndPostgresTests() : FailureScenarios(Backend.RabbitMqPostgres);
