using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.EndToEndTests.Support;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Sessions;

namespace MpcWallet.EndToEndTests.Lifecycle;

/// <summary>
/// Proactive refresh through the API (docs/design-lifecycle.md): <c>POST /v1/wallets/{id}/refresh</c> runs as an
/// operation; afterwards the wallet is at the next generation, keeps its key and address (a signature verifies against
/// the key recorded before the refresh, independently of the service), and the nodes hold only the new generation. A
/// refresh that cannot finish leaves the wallet signing with its generation, and a retry completes.
/// </summary>
public sealed class RefreshTests
{
    [Theory]
    [InlineData(Backend.InMemorySqlite)]
    [InlineData(Backend.RabbitMqPostgres)]
    public async Task A_refresh_keeps_key_and_address_moves_to_the_next_generation_and_erases_the_old_shares(Backend backend)
    {
        await using var host = await TestHost.StartAsync(backend);
        using var client = host.Client();
        var before = await Api.CreateActiveWalletAsync(client, "refreshed");
        var walletId = before.GetProperty("id").GetString()!;
        Assert.Equal(1, before.GetProperty("generation").GetInt64());

        var (status, operation, response) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/refresh", "", wait: 120, idempotencyKey: "refresh-1");
        Assert.Equal(HttpStatusCode.Created, status);
        var operationId = operation.GetProperty("id").GetString()!;
        Assert.StartsWith("op_", operationId, StringComparison.Ordinal);
        Assert.Equal($"/v1/operations/{operationId}", response.Headers.Location?.OriginalString);
        Assert.Equal(walletId, operation.GetProperty("walletId").GetString());
        Assert.Equal("refresh", operation.GetProperty("kind").GetString());
        Assert.Equal("completed", operation.GetProperty("status").GetString());
        Assert.Equal(2, operation.GetProperty("generation").GetInt64());
        Assert.Equal(JsonValueKind.Null, operation.GetProperty("error").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, operation.GetProperty("completedAt").ValueKind);

        // The same Idempotency-Key answers the same operation; the operation is the tenant's only.
        var (again, repeated, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/refresh", "", idempotencyKey: "refresh-1");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(operationId, repeated.GetProperty("id").GetString());
        var (read, stored) = await Api.GetAsync(client, $"/v1/operations/{operationId}");
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal("completed", stored.GetProperty("status").GetString());
        using var other = host.Client(TestHost.KeyB);
        var (foreign, problem) = await Api.GetAsync(other, $"/v1/operations/{operationId}");
        Assert.Equal(HttpStatusCode.NotFound, foreign);
        Api.AssertProblem(problem, 404);
        var (unknown, missing, _) = await Api.PostAsync(other, $"/v1/wallets/{walletId}/refresh", "");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Api.AssertProblem(missing, 404);

        var (_, after) = await Api.GetAsync(client, $"/v1/wallets/{walletId}");
        Assert.Equal(2, after.GetProperty("generation").GetInt64());
        Assert.Equal(before.GetProperty("publicKey").GetString(), after.GetProperty("publicKey").GetString());
        Assert.Equal(before.GetProperty("address").GetString(), after.GetProperty("address").GetString());
        Assert.Equal(before.GetProperty("xpub").GetString(), after.GetProperty("xpub").GetString());

        // Every holder committed generation 2 (key version 1) and erased generation 1.
        var nodes = host.Services.GetRequiredService<LocalNodes>().All.ToArray();
        await Eventually.TrueAsync(
            async () => (await Task.WhenAll(nodes.Select(n => n.Store.HeldKeysAsync(CancellationToken.None)))).All(held => held.Where(k => k.WalletId == walletId).SequenceEqual([(walletId, 1L)])),
            TimeSpan.FromSeconds(20),
            "every node holds only the new generation");
        foreach (var node in nodes)
        {
            await Assert.ThrowsAsync<SessionRefusedException>(() => node.LoadShareAsync(walletId, 0, CancellationToken.None));
        }

        // The same address signs, checked against the key recorded before the refresh.
        var digest = SignatureCheck.RandomDigest();
        var (signed, signature, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/signatures", $$"""{"type": "digest", "digest": "{{SignatureCheck.ToHex(digest)}}"}""", wait: 40);
        Assert.Equal(HttpStatusCode.Created, signed);
        SignatureCheck.AssertValid(signature, before, digest);

        // WalletRefreshed went out with the switch (the outbox row is written in its transaction).
        await using var context = host.Services.GetRequiredService<CoordinatorStore>().Open();
        var events = await context.Outbox.AsNoTracking().Where(o => o.MessageType.Contains("WalletRefreshed")).Select(o => o.Payload).ToListAsync();
        var refreshed = JsonDocument.Parse(Assert.Single(events)).RootElement;
        Assert.Equal(operationId, refreshed.GetProperty("OperationId").GetString());
        Assert.Equal(2, refreshed.GetProperty("Generation").GetInt64());
    }

    [Fact]
    public async Task A_refresh_missing_a_holder_fails_the_wallet_keeps_signing_and_a_retry_completes()
    {
        var data = TestHost.NewDataDirectory();
        JsonElement wallet;
        string walletId;
        await using (var host = await TestHost.StartAsync(Backend.InMemorySqlite, data, ["--Coordinator:RefreshDeadline", "00:00:04"]))
        {
            using var client = host.Client();
            wallet = await Api.CreateActiveWalletAsync(client, "interrupted");
            walletId = wallet.GetProperty("id").GetString()!;
            await MpcWallet.Node.NodeModule.StopLocalNodeAsync(host.Services, "node-3");
            await host.WaitUntilNodesOnlineAsync(1, online: false);

            var (status, operation, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/refresh", "{}");
            Assert.Equal(HttpStatusCode.Accepted, status);
            var operationId = operation.GetProperty("id").GetString()!;
            Assert.Equal("pending", operation.GetProperty("status").GetString());

            // One lifecycle operation per wallet: a second is a 409 naming the first.
            var (busy, problem, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/refresh", "");
            Assert.Equal(HttpStatusCode.Conflict, busy);
            Api.AssertProblem(problem, 409);
            Assert.Contains(operationId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

            var failed = await Api.WaitForFinalAsync(client, $"/v1/operations/{operationId}", "pending", TimeSpan.FromSeconds(30));
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Contains("node-3 offline", failed.GetProperty("error").GetString(), StringComparison.Ordinal);

            // The wallet still signs, with its generation, on the two holders left.
            var (_, current) = await Api.GetAsync(client, $"/v1/wallets/{walletId}");
            Assert.Equal(1, current.GetProperty("generation").GetInt64());
            var digest = SignatureCheck.RandomDigest();
            var (signed, signature, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/signatures", $$"""{"type": "digest", "digest": "{{SignatureCheck.ToHex(digest)}}"}""", wait: 40);
            Assert.Equal(HttpStatusCode.Created, signed);
            SignatureCheck.AssertValid(signature, wallet, digest);
        }

        // node-3 is back (the process restarts): the retried refresh completes and the same address signs.
        await using (var host = await TestHost.StartAsync(Backend.InMemorySqlite, data))
        {
            using var client = host.Client();
            var (status, operation, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/refresh", "", wait: 120);
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal("completed", operation.GetProperty("status").GetString());
            Assert.Equal(2, operation.GetProperty("generation").GetInt64());
            var digest = SignatureCheck.RandomDigest();
            var (signed, signature, _) = await Api.PostAsync(client, $"/v1/wallets/{walletId}/signatures", $$"""{"type": "digest", "digest": "{{SignatureCheck.ToHex(digest)}}"}""", wait: 40);
            Assert.Equal(HttpStatusCode.Created, signed);
            SignatureCheck.AssertValid(signature, wallet, digest);
            var (_, after) = await Api.GetAsync(client, $"/v1/wallets/{walletId}");
            Assert.Equal(2, after.GetProperty("generation").GetInt64());
        }
    }
}
