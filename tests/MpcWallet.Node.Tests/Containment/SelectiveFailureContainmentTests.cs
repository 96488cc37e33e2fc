using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Mpc;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Node.Engine;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Sessions;
using MpcWallet.Node.Tests.Support;
using MpcWallet.Node.Security;
using MpcWallet.Ethereum.Signing;

namespace MpcWallet.Node.Tests.Containment;

/// <summary>
/// Selective-failure containment at the node (finding H3, docs/engine-signing.md §4.1), with three nodes on the
/// in-memory bus, the real engine and channel, and node-2 attacking node-1's Δ (<see cref="CheatingEngine"/>):
/// at most <see cref="OtParameters.MaxInFlightChecksPerPeer"/> sessions per (wallet, peer) before their check, a
/// failed check banned durably before anything else, every other session with the peer on the wallet ended at once,
/// and the bans consulted at admission and at every step.
/// </summary>
[Collection(NodeHarness.Collection)]
public sealed class SelectiveFailureContainmentTests : IDisposable
{
    private const string Wallet = "wlt_sf";

    // Every signer's session key offer from its prepare answer, by session and party index (what the coordinator relays).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentDictionary<int, byte[]>> Offers = new();
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _data = Directory.CreateTempSubdirectory("mpcwallet-node-sf-").FullName;
    private readonly CheatingEngine _engine = new();

    [Fact]
    public async Task A_node_admits_at_most_the_bound_of_signing_sessions_per_peer_and_wallet_before_their_check()
    {
        _engine.Corrupts = _ => false;
        await using var provider = Build();
        var (harness, nodes, peers) = await StartWithKeyAsync(provider);

        var burst = Enumerable.Range(0, 6).Select(_ => NewSession()).ToArray();
        var results = await Task.WhenAll(burst.Select(s => TryPrepareAsync(nodes[0], s, [peers[0], peers[1]])));
        var admitted = burst.Where((_, i) => results[i] is null).ToArray();
        Assert.Equal(OtParameters.MaxInFlightChecksPerPeer, admitted.Length);
        Assert.All(results.Where(r => r is not null), r =>
        {
            Assert.Equal(SessionRefusal.PeerBusy, r!.Refusal);
            Assert.Equal("node-2", r.Peer);
        });

        // Other peers and other wallets have their own budgets.
        Assert.Null(await TryPrepareAsync(nodes[0], NewSession(), [peers[0], peers[2]]));

        // Once a session has passed its check (here: completed), its slot is free again.
        await RunAsync(harness, nodes, admitted[0], [peers[0], peers[1]], prepareFirst: false);
        Assert.Null(await TryPrepareAsync(nodes[0], NewSession(), [peers[0], peers[1]]));
        Assert.NotNull(await TryPrepareAsync(nodes[0], NewSession(), [peers[0], peers[1]]));
    }

    [Fact]
    public async Task A_session_whose_begin_is_overdue_stops_holding_the_budget_and_is_never_begun()
    {
        // A coordinator killed between prepare and begin leaves prepared sessions behind; its successor must not find
        // the pair busy for the whole session lifetime, and the leftovers must never run a check beyond the bound.
        _engine.Corrupts = _ => false;
        var window = TimeSpan.FromSeconds(2);
        await using var provider = Build(window);
        var (_, nodes, peers) = await StartWithKeyAsync(provider);
        var leftovers = Enumerable.Range(0, OtParameters.MaxInFlightChecksPerPeer).Select(_ => NewSession()).ToArray();
        foreach (var session in leftovers)
        {
            Assert.Null(await TryPrepareAsync(nodes[0], session, [peers[0], peers[1]]));
        }

        Assert.Equal(SessionRefusal.PeerBusy, (await TryPrepareAsync(nodes[0], NewSession(), [peers[0], peers[1]]))?.Refusal);

        await Task.Delay(window + TimeSpan.FromMilliseconds(500));
        Assert.Null(await TryPrepareAsync(nodes[0], NewSession(), [peers[0], peers[1]]));
        var late = await Assert.ThrowsAsync<SessionRefusedException>(() => nodes[0].BeginAsync(leftovers[0], new Dictionary<int, byte[]>(Offers[leftovers[0].ToString()]), CancellationToken.None));
        Assert.Contains("for its begin", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_check_is_banned_durably_before_it_is_reported_and_ends_every_session_with_the_peer_on_the_wallet_at_once()
    {
        await using var provider = Build();
        var (harness, nodes, peers) = await StartWithKeyAsync(provider);
        var bannedWhenReported = new List<bool>();
        using var observer = harness.Bus.ConnectPublishObserver(new BanObserver(nodes[0].Store, bannedWhenReported));

        // Prepared before the ban, never begun: with the peer (must end), without it (must go on).
        var withPeer = NewSession();
        var withoutPeer = NewSession();
        Assert.Null(await TryPrepareAsync(nodes[0], withPeer, [peers[0], peers[1]]));
        Assert.Null(await TryPrepareAsync(nodes[0], withoutPeer, [peers[0], peers[2]]));
        Assert.Null(await TryPrepareAsync(nodes[2], withoutPeer, [peers[0], peers[2]]));

        var attacked = NewSession();
        await RunAsync(harness, nodes, attacked, [peers[0], peers[1]]);
        var failure = await FailureAsync(harness, "node-1", attacked);
        Assert.Equal(AbortChecks.OtExtensionConsistency, failure.Check);
        Assert.Equal("node-2", failure.Culprit);
        Assert.True(failure.Banned);
        Assert.Equal([true], bannedWhenReported);

        var contained = await FailureAsync(harness, "node-1", withPeer);
        Assert.Equal("peer-banned", contained.Check);
        Assert.Equal("node-2", contained.Culprit);
        Assert.False(harness.Published.Select<SessionFailed>(x => x.Context.Message.SessionId == withoutPeer.ToString()).Any());

        // The session without the peer still runs to the end; the contained one no longer can.
        await BeginAsync([nodes[0], nodes[2]], withoutPeer, [peers[0], peers[2]]);
        await EndedAtAsync(harness, "node-1", withoutPeer);
        Assert.True(harness.Published.Select<PartialSignatureSubmitted>(x => x.Context.Message.SessionId == withoutPeer.ToString() && x.Context.Message.Node == "node-1").Any());
        await Assert.ThrowsAsync<SessionRefusedException>(() => nodes[0].BeginAsync(withPeer, new Dictionary<int, byte[]>(Offers[withPeer.ToString()]), CancellationToken.None));

        var refused = await TryPrepareAsync(nodes[0], NewSession(), [peers[0], peers[1]]);
        Assert.Equal(SessionRefusal.PeerBanned, refused?.Refusal);
        Assert.Equal("node-2", refused?.Peer);
    }

    [Fact]
    public async Task A_session_prepared_before_a_ban_is_ended_at_its_next_step_and_evaluates_no_check()
    {
        _engine.Corrupts = _ => false;
        await using var provider = Build();
        var (harness, nodes, peers) = await StartWithKeyAsync(provider);
        var prepared = NewSession();
        foreach (var node in nodes.Take(2))
        {
            Assert.Null(await TryPrepareAsync(node, prepared, [peers[0], peers[1]]));
        }

        // A ban recorded in the store (as by a crash-interrupted containment) reaches memory at node-1's next admission for the wallet.
        await nodes[0].Store.BanAsync(new BannedPeerRecord { WalletId = Wallet, PeerNode = "node-2", CheckName = AbortChecks.OtExtensionConsistency, SessionId = "earlier", BannedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        Assert.Null(await TryPrepareAsync(nodes[0], NewSession(), [peers[0], peers[2]]));

        await nodes[1].BeginAsync(prepared, new Dictionary<int, byte[]>(Offers[prepared.ToString()]), CancellationToken.None);
        await Eventually.TrueAsync(() => nodes[0].Drops[DropReason.PeerBanned] >= 1, Wait, "node-1 drops node-2's first message and ends the session");
        var contained = await FailureAsync(harness, "node-1", prepared);
        Assert.Equal("peer-banned", contained.Check);
        Assert.Empty(_engine.Checks);
        Assert.False(harness.Published.Select<PartialSignatureSubmitted>(x => x.Context.Message.SessionId == prepared.ToString() && x.Context.Message.Node == "node-1").Any());
    }

    /// <summary>
    /// The check: sessions in parallel bursts, node-2 corrupting a different column in each. However Δ falls,
    /// node-1 never has more than the bound in flight with node-2, evaluates its checks one at a time, rejects exactly
    /// once (a column with Δ_j = 1), evaluates no check after that, ends the sessions still waiting, and refuses node-2
    /// on the wallet from then on.
    /// </summary>
    [Fact]
    public async Task Parallel_sessions_corrupting_a_different_column_each_get_at_most_the_bound_in_flight_and_one_reject()
    {
        await using var provider = Build();
        var (harness, nodes, peers) = await StartWithKeyAsync(provider);
        var victimShare = await nodes[0].LoadShareAsync(Wallet, 0, CancellationToken.None);
        _engine.Corrupts = column => CheatingEngine.DeltaBit(victimShare, 2, column) == 1;
        var pair = new[] { peers[0], peers[1] };
        var admittedAll = new List<SessionId>();
        var banned = false;
        for (var burst = 0; burst < 64 && !banned; burst++)
        {
            var sessions = Enumerable.Range(0, 5).Select(_ => NewSession()).ToArray();
            var results = await Task.WhenAll(sessions.Select(s => TryPrepareAsync(nodes[0], s, pair)));
            banned = results.All(r => r?.Refusal == SessionRefusal.PeerBanned);
            var admitted = sessions.Where((_, i) => results[i] is null).ToArray();
            Assert.True(admitted.Length <= OtParameters.MaxInFlightChecksPerPeer, $"burst {burst} admitted {admitted.Length}");
            Assert.All(results.Where(r => r is not null), r => Assert.Contains(r!.Refusal, new[] { SessionRefusal.PeerBusy, SessionRefusal.PeerBanned }));
            foreach (var session in admitted)
            {
                Assert.Null(await TryPrepareAsync(nodes[1], session, pair));
            }

            admittedAll.AddRange(admitted);
            await Task.WhenAll(admitted.Select(s => BeginAsync([nodes[0], nodes[1]], s, pair)));
            foreach (var session in admitted)
            {
                await EndedAtAsync(harness, "node-1", session);
            }
        }

        Assert.True(banned, "a column with Δ_j = 1 is reached and node-2 is banned");
        var checks = _engine.Checks;
        Assert.Single(checks, c => !c.Passed);
        Assert.False(checks[^1].Passed);
        Assert.All(checks, c => Assert.Equal(c.Passed ? 0 : 1, CheatingEngine.DeltaBit(victimShare, 2, _engine.Columns[c.Session])));
        var ot = harness.Published.Select<SessionFailed>(x => x.Context.Message.Node == "node-1" && x.Context.Message.Check == AbortChecks.OtExtensionConsistency).ToArray();
        Assert.Single(ot);
        var notChecked = admittedAll.Select(s => s.ToString()).Except(checks.Select(c => c.Session)).ToArray();
        Assert.All(notChecked, s => Assert.True(harness.Published.Select<SessionFailed>(x => x.Context.Message.SessionId == s && x.Context.Message.Check == "peer-banned").Any(), $"{s} ended as contained"));
        Assert.Equal("node-2", Assert.Single(await nodes[0].Store.BansAsync(Wallet, CancellationToken.None)).PeerNode);
        Assert.Null(await TryPrepareAsync(nodes[0], NewSession(), [peers[0], peers[2]]));
        victimShare.Clear();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private ServiceProvider Build(TimeSpan? beginWindow = null) => NodeHarness.Build(_data, services =>
    {
        services.AddSingleton<IThresholdEngine>(_engine);
        if (beginWindow is { } window)
        {
            services.PostConfigure<Configuration.NodeOptions>(o => o.BeginWindow = window);
        }
    });

    private static SessionId NewSession() => SessionId.Random(SystemRandomSource.Instance);

    private static async Task<(ITestHarness Harness, NodeRuntime[] Nodes, SessionPeer[] Peers)> StartWithKeyAsync(ServiceProvider provider)
    {
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestTimeout = TimeSpan.FromSeconds(60);
        harness.TestInactivityTimeout = TimeSpan.FromSeconds(10);
        await harness.Start();
        var nodes = provider.GetRequiredService<LocalNodes>().All.ToArray();
        var peers = nodes.Select((n, i) => new SessionPeer(n.Id, i + 1, n.IdentityPublicKey)).ToArray();
        var session = NewSession();
        var offers = new Dictionary<int, byte[]>();
        for (var i = 0; i < nodes.Length; i++)
        {
            offers[i + 1] = await nodes[i].PrepareKeyGenerationAsync(session, Wallet, 2, new KeyPolicy(AllowRawDigest: true), peers, CancellationToken.None);
        }

        foreach (var node in nodes)
        {
            await node.BeginAsync(session, offers, CancellationToken.None);
        }

        foreach (var node in nodes)
        {
            Assert.True(await harness.Published.Any<KeyShareStored>(x => x.Context.Message.Node == node.Id && x.Context.Message.SessionId == session.ToString()));
        }

        return (harness, nodes, peers);
    }

    private static async Task<SessionRefusedException?> TryPrepareAsync(NodeRuntime node, SessionId session, SessionPeer[] pair)
    {
        try
        {
            var offer = await node.PrepareSigningAsync(session, Wallet, 0, new byte[32], SigningPreImage.RawDigest(new byte[32]), [], pair, CancellationToken.None);
            Offers.GetOrAdd(session.ToString(), _ => new System.Collections.Concurrent.ConcurrentDictionary<int, byte[]>())[pair.Single(p => p.NodeId == node.Id).PartyIndex] = offer;
            return null;
        }
        catch (SessionRefusedException e)
        {
            return e;
        }
    }

    /// <summary>Prepares (unless already) and begins the session at every signer, then waits until node-1 ended it.</summary>
    private static async Task RunAsync(ITestHarness harness, NodeRuntime[] nodes, SessionId session, SessionPeer[] signers, bool prepareFirst = true)
    {
        var runtimes = signers.Select(p => nodes.Single(n => n.Id == p.NodeId)).ToArray();
        foreach (var node in runtimes)
        {
            if (prepareFirst || node != runtimes[0])
            {
                Assert.Null(await TryPrepareAsync(node, session, signers));
            }
        }

        await BeginAsync(runtimes, session, signers);
        await EndedAtAsync(harness, runtimes[0].Id, session);
    }

    private static async Task BeginAsync(NodeRuntime[] runtimes, SessionId session, SessionPeer[] signers)
    {
        var offers = new Dictionary<int, byte[]>(Offers[session.ToString()]);
        await Task.WhenAll(runtimes.Where(n => signers.Any(p => p.NodeId == n.Id)).Select(n => n.BeginAsync(session, offers, CancellationToken.None)));
    }

    private static async Task EndedAtAsync(ITestHarness harness, string node, SessionId session)
    {
        var key = session.ToString();
        await Eventually.TrueAsync(
            () => harness.Published.Select<PartialSignatureSubmitted>(x => x.Context.Message.SessionId == key && x.Context.Message.Node == node).Any()
                || harness.Published.Select<SessionFailed>(x => x.Context.Message.SessionId == key && x.Context.Message.Node == node).Any(),
            Wait,
            $"{node} ends session {key}");
    }

    private static async Task<SessionFailed> FailureAsync(ITestHarness harness, string node, SessionId session)
    {
        var key = session.ToString();
        await Eventually.TrueAsync(() => harness.Published.Select<SessionFailed>(x => x.Context.Message.SessionId == key && x.Context.Message.Node == node).Any(), Wait, $"{node} reports {key} failed");
        return harness.Published.Select<SessionFailed>(x => x.Context.Message.SessionId == key && x.Context.Message.Node == node).First().Context.Message;
    }

    /// <summary>Whether the ban was already in node-1's store when its failed OT-extension check was published.</summary>
    private sealed class BanObserver(NodeStore store, List<bool> bannedWhenReported) : IPublishObserver
    {
        public async Task PrePublish<T>(PublishContext<T> context)
            where T : class
        {
            if (context.Message is SessionFailed { Node: "node-1", Check: AbortChecks.OtExtensionConsistency } failed)
            {
                var bans = await store.BansAsync(Wallet, CancellationToken.None);
                lock (bannedWhenReported)
                {
                    bannedWhenReported.Add(bans.Any(b => b.PeerNode == failed.Culprit));
                }
            }
        }

        public Task PostPublish<T>(PublishContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PublishFault<T>(PublishContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
