using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Signatures;
using MpcWallet.Coordinator.Tests.Support;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Testing;

namespace MpcWallet.Coordinator.Tests.HighAvailability;

/// <summary>
/// Two coordinators on one store finalize at the same moment — the same session (both stored a last partial) and two
/// sessions of the same request (a late earlier attempt beside its retry): exactly one final signature is committed
/// and exactly one <c>SignatureFinalized</c> enters the outbox, on SQLite and on PostgreSQL.
/// </summary>
public sealed class ConditionalFinalizeTests
{
    private const int Rounds = 4;

    [Fact]
    public async Task Racing_finalizers_commit_one_signature_and_one_outbox_message_on_sqlite()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("coordinator-race-").FullName, "c.db");
        await RaceAsync(new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", "coordinator"));
    }

    [Fact]
    public async Task Racing_finalizers_commit_one_signature_and_one_outbox_message_on_postgresql()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("coordinator_race");
        await RaceAsync(new ModuleDatabase(DatabaseProvider.PostgreSQL, connection, "coordinator"));
    }

    private static async Task RaceAsync(ModuleDatabase database)
    {
        await using var a = await CoordinatorHarness.StartAsync(database: database, instance: "coordinator-a");
        await using var b = await CoordinatorHarness.StartAsync(database: database, instance: "coordinator-b");
        var store = a.GetRequiredService<CoordinatorStore>();
        var ledger = a.GetRequiredService<SessionLedger>();
        for (var round = 0; round < Rounds; round++)
        {
            var digest = RandomNumberGenerator.GetBytes(32);
            var signatureId = await SigningFixture.SeedAsync(store, digest);
            var first = SigningFixture.NewSession(signatureId, "node-1", "node-3");
            var second = SigningFixture.NewSession(signatureId, "node-1", "node-2");
            var firstPartials = EngineRun.Sign(SigningFixture.Shares, [1, 3], digest);
            var secondPartials = EngineRun.Sign(SigningFixture.Shares, [1, 2], digest);
            foreach (var (session, partials) in new[] { (first, firstPartials), (second, secondPartials) })
            {
                await ledger.StartAsync(session, TimeSpan.FromMinutes(1), CancellationToken.None);
                foreach (var (index, partial) in partials)
                {
                    Assert.True(await ledger.AddReportAsync(session.Key, $"node-{index}", Convert.ToBase64String(partial.Encode()), CancellationToken.None));
                }
            }

            var finalizers = new[] { a.GetRequiredService<SignatureFinalizer>(), b.GetRequiredService<SignatureFinalizer>() };
            var attempts = new List<Task<SessionOutcome>>();
            foreach (var session in new[] { first, second })
            {
                var record = (await ledger.FindRunningAsync(session.Key, CancellationToken.None))!;
                var reports = await ledger.ReportsAsync(session.Key, CancellationToken.None);
                attempts.AddRange(finalizers.Select(f => Task.Run(() => f.CompleteAsync(record, reports, CancellationToken.None))));
            }

            var outcomes = await Task.WhenAll(attempts);
            Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Failure));

            await using var context = store.Open();
            var finalized = (await context.Outbox.AsNoTracking().Where(o => o.MessageType == typeof(SignatureFinalized).FullName).ToListAsync())
                .Select(o => JsonSerializer.Deserialize<SignatureFinalized>(o.Payload)!)
                .Where(m => m.SignatureId == signatureId)
                .ToArray();
            var published = Assert.Single(finalized);
            var stored = await context.Signatures.AsNoTracking().SingleAsync(s => s.Id == signatureId);
            Assert.Equal(SignatureStatus.Completed, stored.Status);
            Assert.Equal((published.R, published.S, published.V), (stored.R, stored.S, stored.V!.Value));
            Assert.Equal(2, await context.Sessions.CountAsync(s => s.ResourceId == signatureId && s.Status == SessionStatus.Completed));
        }
    }
}
