using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Rounds;
using MpcWallet.Mpc;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Node.Admission;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Rounds;

/// <summary>
/// Moves one node's admitted sessions forward: opens inbound round messages (authenticated by the session's channel,
/// bound to the session and sender), feeds them to the engine party, has <see cref="RoundSender"/> seal and send what
/// the party answers, and hands a finished or aborted party to <see cref="SessionOutcomes"/>. A bad inbound message
/// is a counted drop, never an exception to the broker and never blamed on anyone.
/// </summary>
/// <remarks>
/// Concurrency: the engine parties are not thread-safe, so every step on a session (begin, one message) holds the
/// session's gate from its checks to its last send. A session can be ended without the gate (abort, expiry, a
/// stopped node), so each step re-checks, under the gate, that the session still runs; the session's secrets are
/// erased only once the gate is free (<see cref="SessionTable.Forget"/>).
/// <para>
/// Containment (docs/engine-signing.md §4.1): before every step the session's participants are checked against the
/// wallet's bans (a banned participant ends the session, nothing more is sent in it); a step that may complete a
/// signing party's OT-extension check round runs under the wallet's check lock (<see cref="PeerBans.HoldAsync"/>),
/// which looks the bans up again and, when the check fails, records the ban durably before releasing.
/// </para>
/// </remarks>
internal sealed partial class MessagePump(string nodeId, DropCounters drops, SessionTable sessions, RoundSender sender, SessionOutcomes outcomes, PeerBans bans, ILogger logger)
{
    /// <summary>
    /// Every participant accepted: agree the session's channel keys from the participants' offers, then run round 1
    /// and whatever arrived early. An offer that does not verify refuses the session (it ends here, nobody is blamed:
    /// the offers came through the coordinator).
    /// </summary>
    public async Task BeginAsync(SessionId sessionId, IReadOnlyDictionary<int, byte[]> offers, CancellationToken cancellationToken)
    {
        if (sessions.Find(sessionId.ToString()) is not { } session)
        {
            throw new SessionRefusedException($"node {nodeId} has no prepared session {sessionId}");
        }

        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            if (session.State != SessionState.Prepared || !sessions.IsRunning(session.Key))
            {
                return;
            }

            if (session.MissedBegin)
            {
                // Admission no longer counts it against the OT-extension budget, so it must never run a check.
                throw new SessionRefusedException($"node {nodeId} refuses to begin session {session.Key}: it waited longer than {session.BeginWindow.TotalSeconds:0.#} s for its begin");
            }

            try
            {
                session.Protector = session.KeyAgreement.Accept(offers);
            }
            catch (SessionKeyOfferRejectedException e)
            {
                await outcomes.RefuseOffersAsync(session, e, cancellationToken);
                throw new SessionRefusedException($"node {nodeId} refuses session {session.Key}: the key offer of party {e.Party} was rejected ({e.Reason})");
            }
            finally
            {
                session.KeyAgreement.Dispose();
            }

            session.State = SessionState.Running;
            if (await EndIfBannedAsync(session, cancellationToken))
            {
                return;
            }

            using var span = RoundSpans.Start(nodeId, session, 1);
            await AdvanceAsync(session, async () =>
            {
                var outbound = new List<ProtocolMessage>(session.Party.Start());
                foreach (var (messageId, sealedMessage) in session.TakeBuffered())
                {
                    if (OpenOrDrop(session, messageId, sealedMessage) is not { } early)
                    {
                        continue;
                    }

                    if (await ReceiveOrDropAsync(session, early, cancellationToken) is not { } answer)
                    {
                        return null;
                    }

                    outbound.AddRange(answer);
                }

                return outbound;
            }, cancellationToken);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>One inbound round message of a running node.</summary>
    public async Task DeliverAsync(RoundMessage envelope, CancellationToken cancellationToken)
    {
        if (envelope.Sender == nodeId)
        {
            return;
        }

        if (envelope.Recipient is { } recipient && recipient != nodeId)
        {
            Drop(DropReason.NotAddressedToThisNode, envelope);
            return;
        }

        if (sessions.Find(envelope.SessionId ?? "") is not { } session)
        {
            Drop(sessions.FinishedRecently(envelope.SessionId ?? "") ? DropReason.FinishedSession : DropReason.UnknownSession, envelope);
            return;
        }

        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            if (session.State == SessionState.Finished || !sessions.IsRunning(session.Key))
            {
                Drop(DropReason.FinishedSession, envelope);
                return;
            }

            if (await EndIfBannedAsync(session, cancellationToken))
            {
                Drop(DropReason.PeerBanned, envelope);
                return;
            }

            var sender = session.PeerByNode(envelope.Sender ?? "");
            if (sender is null || sender.NodeId == nodeId)
            {
                Drop(DropReason.SenderNotInSession, envelope);
                return;
            }

            int? to = envelope.Recipient is null ? null : session.PeerByNode(nodeId)!.PartyIndex;
            var sealedMessage = new SealedProtocolMessage(session.Id, envelope.Round, sender.PartyIndex, to, envelope.Payload);
            if (session.State == SessionState.Prepared)
            {
                // No keys before begin: kept sealed, opened (and authenticated, and deduplicated) at begin.
                if (!session.Buffer(envelope.MessageId, sealedMessage))
                {
                    Drop(DropReason.EarlyBufferFull, envelope);
                }

                return;
            }

            if (OpenOrDrop(session, envelope.MessageId, sealedMessage) is not { } message)
            {
                return;
            }

            using var span = RoundSpans.Start(nodeId, session, envelope.Round);
            await AdvanceAsync(session, () => ReceiveOrDropAsync(session, message, cancellationToken), cancellationToken);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>
    /// Runs one engine step (null: a participant turned out banned, the session was ended): an abort fails the
    /// session; otherwise its messages go out, unless the session was ended meanwhile (contained after a ban in
    /// another session), and a finished party completes.
    /// </summary>
    private async Task AdvanceAsync(NodeSession session, Func<Task<IReadOnlyList<ProtocolMessage>?>> step, CancellationToken cancellationToken)
    {
        IReadOnlyList<ProtocolMessage>? outbound;
        try
        {
            outbound = await step();
        }
        catch (ProtocolAbortException abort)
        {
            // The status says only that it aborted; the reason goes to the logs with the session.
            Activity.Current?.SetStatus(ActivityStatusCode.Error, "protocol aborted");
            await outcomes.FailAsync(session, abort, cancellationToken);
            return;
        }

        if (outbound is null || !sessions.IsRunning(session.Key))
        {
            return;
        }

        Activity.Current?.SetTag("mpcwallet.round.messages_out", outbound.Count);
        await sender.SendAsync(session, outbound, cancellationToken);
        await outcomes.CompleteIfDoneAsync(session, cancellationToken);
    }

    /// <summary>Feeds one message to the party; null when the session was ended because a participant is banned.</summary>
    private async Task<IReadOnlyList<ProtocolMessage>?> ReceiveOrDropAsync(NodeSession session, ProtocolMessage message, CancellationToken cancellationToken)
    {
        if (session.PassedOtExtensionCheck)
        {
            return ReceiveOrDrop(session, message);
        }

        // This call may complete the OT-extension check round (a round-1 message can release buffered round-2 ones).
        using (await bans.HoldAsync(session.WalletId, cancellationToken))
        {
            if (bans.BannedParticipant(session) is null)
            {
                try
                {
                    return ReceiveOrDrop(session, message);
                }
                catch (ProtocolAbortException abort) when (abort.BanRecommended && abort.Culprit is { } culprit)
                {
                    // Durable before the lock is released: no other check on this wallet runs until the ban is recorded.
                    await bans.BanAsync(session, session.PeerByIndex(culprit)?.NodeId, abort, cancellationToken);
                    throw;
                }
            }
        }

        // Banned while this session waited for the lock: it evaluates no check, and ends.
        await EndIfBannedAsync(session, cancellationToken);
        return null;
    }

    /// <summary>Authenticates one sealed message with the session's channel; null (a counted drop) when it does not open or was seen.</summary>
    private ProtocolMessage? OpenOrDrop(NodeSession session, Guid messageId, SealedProtocolMessage sealedMessage)
    {
        ProtocolMessage message;
        try
        {
            // The channel checks that the broker's envelope equals the sealed, authenticated header.
            message = session.Protector!.Open(sealedMessage, session.Id);
        }
        catch (ChannelAuthenticationException e)
        {
            drops.Add(DropReason.Unauthenticated);
            LogUnauthenticated(nodeId, session.Key, session.PeerByIndex(sealedMessage.From)?.NodeId ?? "?", e.Reason);
            return null;
        }

        // Only authentic messages claim a message id, so a forged message cannot pre-empt a real one's id.
        if (!session.MarkSeen(messageId))
        {
            drops.Add(DropReason.Duplicate);
            LogDropped(nodeId, DropReason.Duplicate, session.Key, session.PeerByIndex(sealedMessage.From)?.NodeId ?? "?", sealedMessage.Round);
            return null;
        }

        return message;
    }

    private IReadOnlyList<ProtocolMessage> ReceiveOrDrop(NodeSession session, ProtocolMessage message)
    {
        try
        {
            return session.Party.Receive(message);
        }
        catch (ProtocolMessageRejectedException rejected)
        {
            drops.Add(DropReason.RejectedByProtocol);
            LogRejected(nodeId, session.Key, rejected.Message);
            return [];
        }
    }

    /// <summary>Ends the session when one of its participants is banned for the wallet; true when it did.</summary>
    private async Task<bool> EndIfBannedAsync(NodeSession session, CancellationToken cancellationToken)
    {
        if (bans.BannedParticipant(session) is not { } banned)
        {
            return false;
        }

        await outcomes.EndForBannedPeerAsync(session, banned, cancellationToken);
        return true;
    }

    private void Drop(DropReason reason, RoundMessage envelope)
    {
        drops.Add(reason);
        LogDropped(nodeId, reason, envelope.SessionId ?? "(none)", envelope.Sender ?? "(none)", envelope.Round);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Node} dropped a round message ({Reason}): session {Session}, sender {Sender}, round {Round}")]
    private partial void LogDropped(string node, DropReason reason, string session, string sender, int round);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Node} dropped an unauthenticated round message in session {Session} claiming sender {Sender} ({Reason})")]
    private partial void LogUnauthenticated(string node, string session, string sender, ChannelRejection reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Node} rejected a round message in session {Session}: {Why}")]
    private partial void LogRejected(string node, string session, string why);
}
