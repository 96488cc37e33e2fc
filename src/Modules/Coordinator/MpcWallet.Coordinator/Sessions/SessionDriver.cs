using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Control;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Mpc.Channel;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// Runs one session over NodeControl, every command signed by this instance (<see cref="NodeCommands"/>): the
/// participants' identities from the cluster manifest, prepare every participant (so nobody drops
/// a faster peer's first message), begin every participant, then wait for the outcome or the deadline. Whatever
/// ends a session unsuccessfully, every participant is told to abort it, which erases its secrets. The session is
/// recorded in the store first, so whichever coordinator consumes the participants' reports can complete it; the
/// outcome arrives by a local signal when this process completed it, else from the store (polled).
/// </summary>
internal sealed partial class SessionDriver(NodeControlClients clients, NodeCommands commands, ActiveSessions sessions, SessionLedger ledger, CoordinatorOptions options, ILogger<SessionDriver> logger)
{
    /// <summary>
    /// The participants with their party index and channel identity as the cluster manifest lists it (never asked of
    /// the node: a coordinator only passes on what the operator enrolled). A node missing from the manifest fails the
    /// attempt, naming it.
    /// </summary>
    public Task<(IReadOnlyList<Participant>? Participants, SessionOutcome? Failure)> ParticipantsAsync(IReadOnlyList<(string Node, int Index)> chosen, CancellationToken cancellationToken)
    {
        var participants = new List<Participant>();
        foreach (var (node, index) in chosen)
        {
            if (commands.IdentityOf(node) is not { } identity)
            {
                return Task.FromResult<(IReadOnlyList<Participant>?, SessionOutcome?)>((null, SessionOutcome.Failed($"node {node} is not in the cluster manifest", node)));
            }

            participants.Add(new Participant { NodeId = node, PartyIndex = (uint)index, IdentityPublicKey = ByteString.CopyFrom(identity) });
        }

        return Task.FromResult<(IReadOnlyList<Participant>?, SessionOutcome?)>((participants, null));
    }

    /// <param name="participants">the session's participants with their party indices (the begin request keys every offer by it).</param>
    /// <param name="prepare">the start command (its request set: key generation, signing or refresh), signed here; its answer carries the node's session key offer.</param>
    /// <param name="alsoOnStart">changes to commit with the session record (the request's attempt count).</param>
    public async Task<SessionOutcome> RunAsync(ActiveSession session, IReadOnlyList<Participant> participants, NodeCommand prepare, CancellationToken cancellationToken, Action<CoordinatorDbContext>? alsoOnStart = null)
    {
        var signedPrepare = commands.Sign(SessionBytes(session), prepare);
        Func<NodeControl.NodeControlClient, CallOptions, Task<SessionAccepted>> start = prepare.RequestCase switch
        {
            NodeCommand.RequestOneofCase.StartKeyGeneration => (client, call) => client.StartKeyGenerationAsync(signedPrepare, call).ResponseAsync,
            NodeCommand.RequestOneofCase.StartSigning => (client, call) => client.StartSigningAsync(signedPrepare, call).ResponseAsync,
            NodeCommand.RequestOneofCase.StartRefresh => (client, call) => client.StartRefreshAsync(signedPrepare, call).ResponseAsync,
            _ => throw new ArgumentException("a session starts with a key-generation, signing or refresh command", nameof(prepare)),
        };
        // A refresh is a key generation's work again (base OTs, proofs).
        var limit = session.Purpose == SessionPurpose.Signing ? options.SessionTimeout : options.KeyGenerationSessionTimeout;
        await ledger.StartAsync(session, limit, cancellationToken, alsoOnStart);
        sessions.Add(session);
        var outcome = SessionOutcome.Success;
        try
        {
            // The offers are only relayed (the coordinator can neither verify nor forge them); each node verifies
            // every offer against the identities it was given at prepare (docs/channel.md §5).
            var offers = new System.Collections.Concurrent.ConcurrentDictionary<string, ByteString>();
            var failed = await CallAllAsync(session, "prepare", async (client, call, node) => offers[node] = (await start(client, call)).SessionKeyOffer, cancellationToken)
                ?? MissingOffers(session, offers)
                ?? await BeginAllAsync(session, participants, offers, cancellationToken);
            outcome = failed is null
                ? await WaitAsync(session, limit, cancellationToken)
                : await ledger.FailAsync(session.Key, failed, cancellationToken);
            return outcome;
        }
        finally
        {
            sessions.Remove(session.Key);
            if (!outcome.Succeeded)
            {
                LogFailed(session.Purpose, session.Key, outcome.Failure ?? "");
                await AbortAllAsync(session, outcome.Failure ?? "aborted");
            }
        }
    }

    public static ByteString SessionBytes(ActiveSession session) => ByteString.CopyFrom(Convert.FromHexString(session.Key));

    private static SessionOutcome? MissingOffers(ActiveSession session, IReadOnlyDictionary<string, ByteString> offers)
    {
        var bad = session.Participants.Where(n => !offers.TryGetValue(n, out var offer) || offer.Length != SessionKeyOffer.EncodedLength).ToArray();
        return bad.Length == 0 ? null : SessionOutcome.Failed($"prepare answered without a {SessionKeyOffer.EncodedLength}-byte session key offer at {string.Join(", ", bad)}", bad);
    }

    private Task<SessionOutcome?> BeginAllAsync(ActiveSession session, IReadOnlyList<Participant> participants, IReadOnlyDictionary<string, ByteString> offers, CancellationToken cancellationToken)
    {
        var begin = commands.Sign(SessionBytes(session), new NodeCommand { BeginSession = BeginRequest(session, participants, offers) });
        return CallAllAsync(session, "begin", (client, call, _) => client.BeginSessionAsync(begin, call).ResponseAsync, cancellationToken);
    }

    private static BeginSessionRequest BeginRequest(ActiveSession session, IReadOnlyList<Participant> participants, IReadOnlyDictionary<string, ByteString> offers)
    {
        var request = new BeginSessionRequest { SessionId = SessionBytes(session) };
        foreach (var participant in participants)
        {
            request.SessionKeyOffers[participant.PartyIndex] = offers[participant.NodeId];
        }

        return request;
    }

    private async Task<SessionOutcome?> CallAllAsync(ActiveSession session, string step, Func<NodeControl.NodeControlClient, CallOptions, string, Task> call, CancellationToken cancellationToken)
    {
        var calls = session.Participants.Select(async Task<(string Node, StatusCode Status, string Error, PeerRefusal? Refusal, bool CommandRefused)?> (node) =>
        {
            try
            {
                await call(clients.For(node), Call(cancellationToken), node);
                return null;
            }
            catch (RpcException e)
            {
                return (Node: node, Status: e.StatusCode, Error: $"{e.StatusCode}: {e.Status.Detail}", Refusal: PeerRefusal.From(e, session.Participants), CommandRefused: PeerRefusal.IsCommandRefused(e));
            }
        }).ToArray();
        var failures = (await Task.WhenAll(calls)).Where(f => f is not null).Select(f => f!.Value).ToArray();
        if (failures.Length == 0)
        {
            return null;
        }

        // A refusal about a peer blames that peer (banned) or nobody (busy), not the node that refused; a refused
        // command blames nobody either (the node checked what it was asked to sign, as it should).
        var banned = failures.Where(f => f.Refusal is { Banned: true }).Select(f => f.Refusal!.Peer).Distinct().ToArray();
        var suspects = failures.Where(f => f.Refusal is null && !f.CommandRefused).Select(f => f.Node).Concat(banned).Distinct().ToArray();
        return SessionOutcome.Failed($"{step} failed at {string.Join("; ", failures.Select(f => $"{f.Node} ({f.Error})"))}", suspects) with
        {
            Banned = banned,
            Busy = failures.All(f => f.Refusal is { Banned: false }),
            CommandRefused = failures.Any(f => f.CommandRefused),
            Unreachable = failures.All(f => f.Status == StatusCode.Unavailable),
        };
    }

    private async Task<SessionOutcome> WaitAsync(ActiveSession session, TimeSpan limit, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + limit;
        while (DateTimeOffset.UtcNow < until)
        {
            var wake = Task.Delay(options.SessionPollInterval, cancellationToken);
            if (await Task.WhenAny(session.Outcome, wake) == session.Outcome)
            {
                var signalled = await session.Outcome;
                // A local failure (a participant went offline) only counts if the session had not completed meanwhile.
                return signalled.Succeeded ? signalled : await ledger.FailAsync(session.Key, signalled, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (await ledger.OutcomeAsync(session.Key, cancellationToken) is { } stored)
            {
                return stored;
            }
        }

        var reported = (await ledger.ReportsAsync(session.Key, cancellationToken)).Select(r => r.Node).ToHashSet();
        var silent = session.Participants.Where(p => !reported.Contains(p)).ToArray();
        return await ledger.FailAsync(session.Key, SessionOutcome.Failed($"session timed out after {limit.TotalSeconds:0.#} s waiting for {string.Join(", ", silent)}", silent), cancellationToken);
    }

    private async Task AbortAllAsync(ActiveSession session, string reason)
    {
        using var cancel = new CancellationTokenSource(options.ControlCallTimeout);
        var abort = commands.Sign(SessionBytes(session), new NodeCommand { AbortSession = new AbortSessionRequest { SessionId = SessionBytes(session), Reason = reason } });
        await Task.WhenAll(session.Participants.Select(async node =>
        {
            try
            {
                await clients.For(node).AbortSessionAsync(abort, Call(cancel.Token));
            }
            catch (RpcException)
            {
                // An unreachable node drops the session when its lifetime ends.
            }
        }));
    }

    // No bearer secret: what authorizes a call is the command's signature (the node checks it against the manifest).
    private CallOptions Call(CancellationToken cancellationToken) => new(
        deadline: DateTime.UtcNow + options.ControlCallTimeout,
        cancellationToken: cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Purpose} session {Session} failed: {Reason}")]
    private partial void LogFailed(SessionPurpose purpose, string session, string reason);
}
