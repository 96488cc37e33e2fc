using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.EndToEndTests.Support;
using MpcWallet.Host.Composition;
using MpcWallet.Testing;
using MpcWallet.Testing.Messaging;
using Xunit.Abstractions;

namespace MpcWallet.EndToEndTests.HighAvailability;

/// <summary>
/// Coordinator high availability: one host runs the three nodes, two hosts run a coordinator each, all on the same
/// RabbitMQ virtual host and PostgreSQL database. A burst of signature requests goes to both coordinators; one of them
/// is disposed in the middle (no graceful drain: its queued requests keep its lease until the lease runs out). Every
/// request must still complete exactly once with a valid signature, and downstream must see one finalization (one
/// r, s, v and one message id) per signature.
/// </summary>
[Collection(RealBrokerCollection.Name)]
public sealed class TwoCoordinatorsTests(ITestOutputHelper output)
{
    private const int Requests = 20;

    [Fact]
    public async Task A_coordinator_dying_mid_burst_loses_no_request_and_no_signature_is_finalized_twice()
    {
        var virtualHost = await TestRabbitMq.CreateVirtualHostAsync("ha");
        var database = await TestPostgres.CreateDatabaseAsync("ha", maxPoolSize: 50);
        await using var recorder = await FinalSignatureRecorder.StartAsync(virtualHost);
        string[] nodeArgs = [.. Common(virtualHost, database, "node")];
        // A runs one request at a time, so it still holds queued requests (and one in session) when it dies.
        string[] aArgs = [.. Common(virtualHost, database, "coordinator"), "--Coordinator:InstanceId", "coordinator-a", "--Coordinator:MaxConcurrentRuns", "1"];
        string[] bArgs = [.. Common(virtualHost, database, "coordinator"), "--Coordinator:InstanceId", "coordinator-b"];
        var trust = await TestTrust.EnrollAsync([nodeArgs], [aArgs, bArgs]);
        await using var nodes = await StartAsync([.. nodeArgs, .. trust]);
        var coordinatorA = await StartAsync([.. aArgs, .. trust]);
        await using var coordinatorB = await StartAsync([.. bArgs, .. trust]);
        var aDisposed = false;
        try
        {
            using var clientA = Client(coordinatorA);
            using var clientB = Client(coordinatorB);
            await WaitUntilNodesOnlineAsync(clientA);
            await WaitUntilNodesOnlineAsync(clientB);
            var wallet = await Api.CreateActiveWalletAsync(clientA, "ha");
            var walletId = wallet.GetProperty("id").GetString();

            // The burst: alternate coordinators; no Prefer: wait, so all are accepted before A goes away.
            var digests = new Dictionary<string, byte[]>();
            var accepted = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
            {
                var digest = RandomNumberGenerator.GetBytes(32);
                var (status, body, _) = await Api.PostAsync(i % 2 == 0 ? clientA : clientB, $"/v1/wallets/{walletId}/signatures", $$"""{"type": "digest", "digest": "0x{{Convert.ToHexStringLower(digest)}}"}""");
                Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.Created, $"{status}: {body}");
                return (Id: body.GetProperty("id").GetString()!, Digest: digest, ViaA: i % 2 == 0);
            }));
            foreach (var (id, digest, _) in accepted)
            {
                digests[id] = digest;
            }

            var acceptedByA = accepted.Where(a => a.ViaA).Select(a => a.Id).ToArray();

            // A dies in the middle of a session of its own (a first partial is in), with its other requests still queued.
            var store = coordinatorB.Services.GetRequiredService<CoordinatorStore>();
            await Eventually.TrueAsync(() => HasSessionWithReportAsync(store, "coordinator-a", acceptedByA), TimeSpan.FromSeconds(60), "coordinator A gets a partial for a session of its own");

            await coordinatorA.DisposeAsync();
            aDisposed = true;

            foreach (var (id, digest) in digests)
            {
                var body = await Api.WaitForFinalAsync(clientB, $"/v1/signatures/{id}", "pending", TimeSpan.FromSeconds(180));
                Assert.True(body.GetProperty("status").GetString() == "completed", body.ToString());
                SignatureCheck.AssertValid(body, wallet, digest);
            }

            // Exactly one SignatureFinalized per signature committed to the outbox.
            await using (var context = coordinatorB.Services.GetRequiredService<CoordinatorStore>().Open())
            {
                // B took over requests A had accepted (it ran sessions for them): the scenario really happened.
                var sessions = await context.Sessions.AsNoTracking().Where(x => acceptedByA.Contains(x.ResourceId)).ToListAsync();
                var stillRunning = sessions.Where(x => x.Status == SessionStatus.Running).Select(x => x.Id).ToArray();
                output.WriteLine($"sessions for A's requests: {sessions.Count(x => x.Owner == "coordinator-a")} by A, {sessions.Count(x => x.Owner == "coordinator-b")} by B; " +
                    $"{sessions.Count(x => x.Status == SessionStatus.Completed)} completed, {sessions.Count(x => x.Status == SessionStatus.Failed)} failed, {sessions.Count(x => x.Status == SessionStatus.Running)} left running " +
                    $"(with {await context.SessionReports.CountAsync(r => stillRunning.Contains(r.SessionId))} reports)");
                Assert.Contains(sessions, x => x.Owner == "coordinator-a");
                Assert.Contains(sessions, x => x.Owner == "coordinator-b");

                var committed = (await context.Outbox.AsNoTracking().Where(o => o.MessageType == typeof(SignatureFinalized).FullName).ToListAsync())
                    .Select(o => JsonSerializer.Deserialize<SignatureFinalized>(o.Payload)!)
                    .GroupBy(m => m.SignatureId)
                    .ToDictionary(g => g.Key, g => g.Count());
                Assert.All(digests.Keys, id => Assert.Equal(1, committed.GetValueOrDefault(id)));
            }

            // Downstream: every signature arrives (the outbox of the dead coordinator is published by the other one).
            await Eventually.TrueAsync(() => digests.Keys.All(id => recorder.Deliveries.Any(d => d.Message.SignatureId == id)), TimeSpan.FromSeconds(90), "every signature reaches the subscriber on signatures_final");

            // Redeliveries (a publish repeated after a crash) may still arrive: none may be a second, different finalization.
            await Eventually.RemainsTrueAsync(
                () => recorder.Deliveries.GroupBy(d => d.Message.SignatureId).All(g => g.Select(d => d.MessageId).Distinct().Count() == 1),
                TimeSpan.FromSeconds(2),
                "one finalization (message id) per signature on signatures_final");
            foreach (var (id, _) in digests)
            {
                var deliveries = recorder.Deliveries.Where(d => d.Message.SignatureId == id).ToArray();
                Assert.True(deliveries.Length > 0, $"no SignatureFinalized for {id}");
                Assert.Single(deliveries.Select(d => d.MessageId).Distinct());
                Assert.Single(deliveries.Select(d => (d.Message.R, d.Message.S, d.Message.V)).Distinct());
            }
        }
        finally
        {
            if (!aDisposed)
            {
                await coordinatorA.DisposeAsync();
            }
        }
    }

    private static async Task<bool> HasSessionWithReportAsync(CoordinatorStore store, string owner, string[] resources)
    {
        await using var context = store.Open();
        return await context.Sessions.Where(x => x.Owner == owner && resources.Contains(x.ResourceId))
            .AnyAsync(x => context.SessionReports.Any(r => r.SessionId == x.Id));
    }

    private static List<string> Common(string virtualHost, string database, string modules)
    {
        var args = new List<string>
        {
            "--modules", modules,
            "--urls", "http://127.0.0.1:0",
            "--data-dir", TestHost.NewDataDirectory(),
            "--environment", "Production",
            "--Auth:ApiKeys:0:Tenant", TestHost.TenantA,
            "--Auth:ApiKeys:0:Key", TestHost.KeyA,
            "--Node:CreateDevelopmentKeys", "true",
            "--Node:HeartbeatInterval", "00:00:00.250",
            "--Coordinator:OfflineAfter", "00:00:03",
            "--Coordinator:SessionTimeout", "00:00:10",
            "--Coordinator:KeyGenerationSessionTimeout", "00:00:45",
            "--Coordinator:KeyGenerationDeadline", "00:02:30",
            "--Coordinator:QuorumWait", "00:00:01",
            "--Coordinator:SignatureDeadline", "00:02:00",
            "--Coordinator:MaxAttempts", "5",
            "--Coordinator:LeaseDuration", "00:00:03",
            "--Coordinator:SweepInterval", "00:00:00.500",
            "--Database:Provider", "PostgreSQL",
            "--ConnectionStrings:Coordinator", database,
            "--ConnectionStrings:Node", database,
            "--Logging:LogLevel:Default", "Warning",
        };
        for (var i = 0; i < 3; i++)
        {
            args.AddRange([$"--Cluster:Nodes:{i}:GrpcEndpoint", "http://127.0.0.1:0"]);
        }

        args.AddRange(TestRabbitMq.HostArguments(virtualHost));

        // Coordinator-only and node-only processes are split-deployment processes: in-process, on the test servers'
        // cleartext loopback listeners, by explicit permission (the split-deployment suite runs over TLS).
        args.AddRange(["--Security:AllowCleartext", "true"]);
        return args;
    }

    private static async Task<WebApplication> StartAsync(IEnumerable<string> args)
    {
        var app = MpcWalletHost.Build(args.ToArray());
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app)
    {
        var client = new HttpClient { BaseAddress = new Uri(MpcWalletHost.Addresses(app)[0]), Timeout = TimeSpan.FromSeconds(90) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestHost.KeyA);
        return client;
    }

    private static Task WaitUntilNodesOnlineAsync(HttpClient client) =>
        Eventually.ValueAsync(
            async () => (await Api.GetAsync(client, "/v1/nodes")).Body,
            nodes => nodes.GetProperty("items").EnumerateArray().Count(n => n.GetProperty("status").GetString() == "online") == 3,
            TimeSpan.FromSeconds(30),
            "the coordinator sees 3 nodes online");
}
