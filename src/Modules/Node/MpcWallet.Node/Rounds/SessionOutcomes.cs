using Microsoft.Extensions.Logging;
using MpcWallet.Mpc;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Node.Admission;
using MpcWallet.Node.Engine;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Reporting;
using MpcWallet.Node.Security;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Rounds;

/// <summary>
/// How a session ends at this node, each way recorded in the joined-sessions record and followed by
/// <see cref="SessionTable.Forget"/> (which erases the session's secrets): completed (per kind: the new share sealed
/// and reported, or the partial signature reported), failed (a protocol check aborted it: ban, report), aborted by
/// the coordinator, or expired. <see cref="CompleteIfDoneAsync"/> and <see cref="FailAsync"/> run under the session's gate.
/// </summary>
internal sealed partial class SessionOutcomes(string nodeId, NodeStore store, IThresholdEngine engine, NodeVault vault, SessionTable sessions, PeerBans bans, NodeReports reports, ILogger logger)
{
    public async Task CompleteIfDoneAsync(NodeSession session, CancellationToken cancellationToken)
    {
        if (!session.Party.IsComplete)
        {
            return;
        }

        session.State = SessionState.Finished;
        if (session.Kind is SessionKind.KeyGeneration or SessionKind.Refresh)
        {
            var share = (KeyShare)session.Party.Output;
            try
            {
                // A refresh's result is the next generation, pending until the coordinator's switch (docs/design-lifecycle.md).
                var refresh = session.Kind == SessionKind.Refresh;
                if (refresh && share.Generation != session.KeyVersion + 1)
                {
                    throw new InvalidOperationException($"the refresh of generation {session.KeyVersion} produced generation {share.Generation}");
                }

                await vault.SaveShareAsync(session.WalletId, share, session.Policy, cancellationToken, pending: refresh);
                await reports.KeyShareStoredAsync(session, share, cancellationToken);
            }
            finally
            {
                share.Clear();
            }
        }
        else
        {
            await reports.PartialSignatureAsync(session, engine.EncodePartialSignature(session.Party.Output), cancellationToken);
        }

        await store.MarkFinishedAsync(session.Key, session.Kind.ToString(), "completed", cancellationToken);
        LogCompleted(nodeId, session.Kind, session.Key);
        sessions.Forget(session);
        if (session.Kind is SessionKind.KeyGeneration or SessionKind.Refresh)
        {
            await reports.StateHintAsync(await vault.HeldKeysAsync(cancellationToken), session.Key, cancellationToken);
        }
    }

    /// <summary>
    /// A protocol check aborted the session. A ban it recommends is recorded durably first (if the check round has
    /// not done so already), then every other running session of the wallet with the culprit is ended at once
    /// (docs/engine-signing.md §4.1), then the failure is recorded and reported.
    /// </summary>
    public async Task FailAsync(NodeSession session, ProtocolAbortException abort, CancellationToken cancellationToken)
    {
        session.State = SessionState.Finished;
        var culprit = abort.Culprit is { } index ? session.PeerByIndex(index)?.NodeId : null;
        var banned = await bans.BanAsync(session, culprit, abort, cancellationToken);
        LogFailed(nodeId, session.Key, abort.Check, culprit ?? "(unattributed)", banned);
        if (banned)
        {
            await ContainAsync(session, culprit!, cancellationToken);
        }

        await store.MarkFinishedAsync(session.Key, session.Kind.ToString(), "failed: " + abort.Check, cancellationToken);
        await reports.SessionFailedAsync(session, abort, culprit, banned, cancellationToken);
        sessions.Forget(session);
    }

    /// <summary>A participant of the session is banned for its wallet: end the session and report it failed, naming the peer.</summary>
    public async Task EndForBannedPeerAsync(NodeSession session, string peer, CancellationToken cancellationToken)
    {
        if (!sessions.IsRunning(session.Key))
        {
            return;
        }

        sessions.Forget(session);
        await ReportEndedForBanAsync(session, peer, cancellationToken);
    }

    /// <summary>A participant's key offer did not verify at begin: the session ends here (no keys, no blame: the offers came through the coordinator).</summary>
    public async Task RefuseOffersAsync(NodeSession session, SessionKeyOfferRejectedException rejection, CancellationToken cancellationToken)
    {
        LogOfferRejected(nodeId, session.Key, rejection.Party, rejection.Reason);
        sessions.Forget(session);
        await store.MarkFinishedAsync(session.Key, session.Kind.ToString(), "refused: key offer", cancellationToken);
    }

    /// <summary>The coordinator gave up on the session: drop it and erase its secrets (without waiting for a running step).</summary>
    public async Task<bool> AbortAsync(SessionId sessionId, string reason, CancellationToken cancellationToken)
    {
        if (sessions.Find(sessionId.ToString()) is not { } session)
        {
            return false;
        }

        LogAborted(nodeId, session.Key, reason);
        await store.MarkFinishedAsync(session.Key, session.Kind.ToString(), "aborted", cancellationToken);
        sessions.Forget(session);
        return true;
    }

    /// <summary>Drops sessions whose lifetime passed (a coordinator that vanished must not leave secrets around).</summary>
    public void ExpireOverdue(DateTimeOffset now)
    {
        foreach (var session in sessions.Running.Where(s => s.ExpiresAt < now))
        {
            LogAborted(nodeId, session.Key, "session lifetime exceeded");
            sessions.Forget(session);
        }
    }

    /// <summary>Ends every other running session of the wallet that includes the banned peer: all at once, then each is recorded and reported.</summary>
    private async Task ContainAsync(NodeSession failed, string peer, CancellationToken cancellationToken)
    {
        var contained = sessions.Running.Where(s => s != failed && s.WalletId == failed.WalletId && s.PeerByNode(peer) is not null).ToArray();
        foreach (var session in contained)
        {
            sessions.Forget(session);
        }

        foreach (var session in contained)
        {
            await ReportEndedForBanAsync(session, peer, cancellationToken);
        }
    }

    private async Task ReportEndedForBanAsync(NodeSession session, string peer, CancellationToken cancellationToken)
    {
        LogAborted(nodeId, session.Key, $"peer {peer} is banned for wallet {session.WalletId}");
        await store.MarkFinishedAsync(session.Key, session.Kind.ToString(), "aborted: peer banned", cancellationToken);
        await reports.SessionEndedForBannedPeerAsync(session, peer, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Node} refused session {Session}: the key offer of party {Party} was rejected ({Reason})")]
    private partial void LogOfferRejected(string node, string session, int party, SessionKeyOfferRejection reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Node} completed {Kind} session {Session}")]
    private partial void LogCompleted(string node, SessionKind kind, string session);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Node} aborted session {Session}: check {Check} failed, culprit {Culprit}, banned {Banned}")]
    private partial void LogFailed(string node, string session, string check, string culprit, bool banned);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Node} dropped session {Session}: {Reason}")]
    private partial void LogAborted(string node, string session, string reason);
}
