using Grpc.Core;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Control;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Tests.Support;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Testing;

namespace MpcWallet.Coordinator.Tests.Suspects;

/// <summary>
/// Finding L4: a node a participant banned after a failed protocol check is remembered per wallet in the store, across
/// requests and coordinators, and left out of every later quorum of the wallet until a refresh lifts it; a refusal
/// naming a peer blames that peer (banned) or nobody (busy), not the node that refused.
/// </summary>
public sealed class WalletSuspectTests
{
    private static readonly string[] Holders = ["node-1", "node-2", "node-3"];

    [Fact]
    public async Task A_banned_culprit_is_left_out_of_every_later_quorum_of_the_wallet_until_a_refresh_on_sqlite()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("coordinator-suspects-").FullName, "c.db");
        await RememberedAcrossRequestsAsync(new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", "coordinator"));
    }

    [Fact]
    public async Task A_banned_culprit_is_left_out_of_every_later_quorum_of_the_wallet_until_a_refresh_on_postgresql()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("coordinator_suspects");
        await RememberedAcrossRequestsAsync(new ModuleDatabase(DatabaseProvider.PostgreSQL, connection, "coordinator"));
    }

    [Fact]
    public void A_refusal_names_the_banned_or_busy_peer_only_when_it_is_a_participant()
    {
        string[] participants = ["node-1", "node-2"];
        Assert.Equal(new PeerRefusal("node-2", Banned: true), PeerRefusal.From(Refusal(StatusCode.FailedPrecondition, SessionRefusalTrailers.PeerBanned, "node-2"), participants));
        Assert.Equal(new PeerRefusal("node-2", Banned: false), PeerRefusal.From(Refusal(StatusCode.ResourceExhausted, SessionRefusalTrailers.PeerBusy, "node-2"), participants));
        Assert.Null(PeerRefusal.From(Refusal(StatusCode.FailedPrecondition, SessionRefusalTrailers.PeerBanned, "node-3"), participants));
        Assert.Null(PeerRefusal.From(Refusal(StatusCode.Unavailable, SessionRefusalTrailers.PeerBusy, "node-2"), participants));
        Assert.Null(PeerRefusal.From(new RpcException(new Status(StatusCode.FailedPrecondition, "unknown key")), participants));
    }

    [Fact]
    public void A_refused_command_blames_no_peer_and_is_told_apart_from_other_refusals()
    {
        string[] participants = ["node-1", "node-2"];
        var command = new RpcException(new Status(StatusCode.FailedPrecondition, "the pre-image hashes to another digest"), new Metadata { { SessionRefusalTrailers.Refusal, SessionRefusalTrailers.CommandRefused } });
        Assert.True(PeerRefusal.IsCommandRefused(command));
        Assert.Null(PeerRefusal.From(command, participants));
        Assert.False(PeerRefusal.IsCommandRefused(new RpcException(new Status(StatusCode.FailedPrecondition, "unknown key"))));
        Assert.False(PeerRefusal.IsCommandRefused(Refusal(StatusCode.FailedPrecondition, SessionRefusalTrailers.PeerBanned, "node-2")));
        Assert.False(PeerRefusal.IsCommandRefused(new RpcException(new Status(StatusCode.Unavailable, "down"), new Metadata { { SessionRefusalTrailers.Refusal, SessionRefusalTrailers.CommandRefused } })));
    }

    private static async Task RememberedAcrossRequestsAsync(ModuleDatabase database)
    {
        // The fixture's key generation runs first: it takes longer than the harness's inactivity timeout on a busy machine.
        Assert.NotEmpty(SigningFixture.PublicKey);
        await using (var first = await CoordinatorHarness.StartAsync(database: database, instance: "coordinator-a"))
        {
            var harness = first.GetRequiredService<ITestHarness>();
            var store = first.GetRequiredService<CoordinatorStore>();
            var ledger = first.GetRequiredService<SessionLedger>();

            // Request 1: node-1's OT-extension check against node-2 fails; node-1 bans node-2.
            var attacked = SigningFixture.NewSession(await SigningFixture.SeedAsync(store, new byte[32]), "node-1", "node-2");
            await ledger.StartAsync(attacked, TimeSpan.FromMinutes(1), CancellationToken.None);
            await PublishAsync(harness, ledger, TestNodes.Sign(new SessionFailed { MessageId = NewId.NextGuid(), SessionId = attacked.Key, Node = "node-1", Culprit = "node-2", Check = "ot-extension-consistency", Banned = true, Reason = "check failed", SentAt = DateTimeOffset.UtcNow }));

            // Request 2: a failure without a ban (a timeout-like abort naming node-3) is not remembered beyond its request.
            var other = SigningFixture.NewSession(await SigningFixture.SeedAsync(store, new byte[32]), "node-1", "node-3");
            await ledger.StartAsync(other, TimeSpan.FromMinutes(1), CancellationToken.None);
            await PublishAsync(harness, ledger, TestNodes.Sign(new SessionFailed { MessageId = NewId.NextGuid(), SessionId = other.Key, Node = "node-1", Culprit = "node-3", Check = "nonce-identity", Banned = false, Reason = "odd", SentAt = DateTimeOffset.UtcNow }));

            var outcome = await ledger.OutcomeAsync(attacked.Key, CancellationToken.None);
            Assert.Contains("node-2", outcome!.Suspects);
        }

        // A later request, on another coordinator (or after a restart): node-2 never signs for the wallet again.
        await using var second = await CoordinatorHarness.StartAsync(database: database, instance: "coordinator-b");
        var suspects = second.GetRequiredService<WalletSuspects>();
        var excluded = await suspects.ExcludedAsync("wlt_1", CancellationToken.None);
        Assert.Equal(["node-2"], excluded.Order());
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(["node-1", "node-3"], SigningQuorum.Choose(Holders, 2, excluded, new HashSet<string> { "node-1", "node-3" })!.Order());
        }

        Assert.Null(SigningQuorum.Choose(["node-1", "node-2"], 2, excluded, new HashSet<string>()));

        // A refresh renews the wallet's OT setup (key version 0 → 1): the suspect is lifted; another wallet never had it.
        Assert.Equal(0, await suspects.LiftAsync("wlt_1", 0, CancellationToken.None));
        Assert.Equal(1, await suspects.LiftAsync("wlt_1", 1, CancellationToken.None));
        Assert.Empty(await suspects.ExcludedAsync("wlt_1", CancellationToken.None));
        Assert.Equal(["node-1", "node-2"], SigningQuorum.Choose(Holders, 2, new HashSet<string>(), new HashSet<string> { "node-3" })!.Order());
    }

    private static async Task PublishAsync(ITestHarness harness, SessionLedger ledger, SessionFailed failure)
    {
        await harness.Bus.Publish(failure);
        await Eventually.TrueAsync(async () => await ledger.OutcomeAsync(failure.SessionId!, CancellationToken.None) is { Succeeded: false }, TimeSpan.FromSeconds(30), $"session {failure.SessionId} is failed");
    }

    private static RpcException Refusal(StatusCode code, string kind, string peer) =>
        new(new Status(code, "refused"), new Metadata { { SessionRefusalTrailers.Refusal, kind }, { SessionRefusalTrailers.Peer, peer } });
}
