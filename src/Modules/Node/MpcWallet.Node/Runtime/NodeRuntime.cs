using System.Collections.Concurrent;
using System.Security.Cryptography;
using MassTransit;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.Rounds;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Mpc;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Node.Engine;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Security;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Runtime;

/// <summary>
/// One MPC node: its sealed store, its channel identity, its running sessions. Drives the engine's state machines
/// from broker messages and NodeControl commands; emits key-generation results on <c>state_sync</c> and its
/// final-round signing output on <c>partial_signatures</c>. Several nodes can live in one process; they share
/// nothing but the bus.
/// </summary>
internal sealed partial class NodeRuntime : IAsyncDisposable
{
    private const string KeyCheckSetting = "kek-check";
    private const string IdentitySetting = "channel-identity";
    private const string SharePurpose = "key-share";

    private readonly ConcurrentDictionary<string, NodeSession> _sessions = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recentlyFinished = new();
    private readonly IThresholdEngine _engine;
    private readonly KeyEncryptionKeySource _keys;
    // Bounded: a publish hung across a broker restart would hold a round-consumer slot (two per node) for good; failed,
    // the session fails here and the coordinator retries it.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private readonly IBus _bus;
    private readonly ILogger _logger;
    private readonly TimeSpan _sessionLifetime;
    private ShareSealer? _sealer;
    private NodeIdentity? _identity;

    public NodeRuntime(string id, string dataDirectory, NodeStore store, IThresholdEngine engine, KeyEncryptionKeySource keys, IBus bus, ILogger logger, TimeSpan sessionLifetime)
    {
        Id = id;
        DataDirectory = dataDirectory;
        Store = store;
        _engine = engine;
        _keys = keys;
        _bus = bus;
        _logger = logger;
        _sessionLifetime = sessionLifetime;
        Drops = new DropCounters(id);
    }

    public string Id { get; }

    public string DataDirectory { get; }

    public NodeStore Store { get; }

    public DropCounters Drops { get; }

    /// <summary>False before start and after a stop: the node then ignores the broker and serves no gRPC.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>The NodeControl endpoint actually served (after start).</summary>
    public string? Endpoint { get; set; }

    public string? LastSessionId { get; private set; }

    /// <summary>The node's channel identity (Ed25519 + X25519 public keys), as NodeControl.GetInfo publishes it.</summary>
    public byte[] IdentityPublicKey => Identity.Public.Encode();

    public int ActiveSessionCount => _sessions.Count;

    private NodeIdentity Identity => _identity ?? throw new InvalidOperationException($"node {Id} is not started");

    private ShareSealer Sealer => _sealer ?? throw new InvalidOperationException($"node {Id} is not started");

    /// <summary>Applies the schema, checks the key-encryption key against the store and loads the channel identity.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await Store.MigrateAsync(cancellationToken);
        var kek = _keys.For(Id, DataDirectory);
        try
        {
            _sealer?.Dispose();
            _sealer = new ShareSealer(kek, Id);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }

        var check = await Store.GetSettingAsync(KeyCheckSetting, cancellationToken);
        if (check is null)
        {
            await Store.SetSettingAsync(KeyCheckSetting, Sealer.Seal(KeyCheckSetting, "", 0, RandomNumberGenerator.GetBytes(32)), cancellationToken);
        }
        else
        {
            try
            {
                CryptographicOperations.ZeroMemory(Sealer.Open(KeyCheckSetting, "", 0, check));
            }
            catch (CryptographicException)
            {
                throw new InvalidOperationException(
                    $"node {Id}: the configured key-encryption key does not open this node's sealed store ({Store.Database.Schema}); refusing to start. Restore the node's original key-encryption key.");
            }
        }

        // The channel identity is as sensitive as a share: sealed at rest under the same key-encryption key.
        var sealedIdentity = await Store.GetSettingAsync(IdentitySetting, cancellationToken);
        _identity?.Dispose();
        if (sealedIdentity is null)
        {
            _identity = NodeIdentity.Generate(SystemRandomSource.Instance);
            var exported = _identity.ExportPrivate();
            try
            {
                await Store.SetSettingAsync(IdentitySetting, Sealer.Seal(IdentitySetting, "", 0, exported), cancellationToken);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(exported);
            }
        }
        else
        {
            var exported = Sealer.Open(IdentitySetting, "", 0, sealedIdentity);
            try
            {
                _identity = NodeIdentity.ImportPrivate(exported);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(exported);
            }
        }
    }

    public void MarkRunning(bool running)
    {
        IsRunning = running;
        if (!running)
        {
            foreach (var session in _sessions.Values)
            {
                Forget(session);
            }
        }
    }

    public async Task<IReadOnlyList<HeldKeyVersion>> HeldKeysAsync(CancellationToken cancellationToken) =>
        (await Store.HeldKeysAsync(cancellationToken)).Select(k => new HeldKeyVersion(k.WalletId, (uint)k.KeyVersion)).ToArray();

    public async Task PrepareKeyGenerationAsync(SessionId sessionId, string walletId, int threshold, IReadOnlyList<SessionPeer> peers, CancellationToken cancellationToken)
    {
        var self = await ValidateNewSessionAsync(sessionId, walletId, peers, cancellationToken);
        if (threshold < 2 || threshold > peers.Count || peers.Select(p => p.PartyIndex).Order().SequenceEqual(Enumerable.Range(1, peers.Count)) is false)
        {
            throw new SessionRefusedException("key generation needs 2 ≤ t ≤ n and party indices 1..n");
        }

        var protector = ProtectorFor(self, peers);
        var party = _engine.KeyGeneration(sessionId, self.PartyIndex, threshold, peers.Count);
        await RegisterAsync(new NodeSession(sessionId, SessionKind.KeyGeneration, walletId, 0, peers, party, protector, null, DateTimeOffset.UtcNow + _sessionLifetime), cancellationToken);
    }

    public async Task PrepareSigningAsync(SessionId sessionId, string walletId, long keyVersion, byte[] digest, IReadOnlyList<uint> path, IReadOnlyList<SessionPeer> peers, CancellationToken cancellationToken)
    {
        var self = await ValidateNewSessionAsync(sessionId, walletId, peers, cancellationToken);
        if (digest.Length != 32)
        {
            throw new SessionRefusedException("the digest must be 32 bytes");
        }

        var bans = await Store.BansAsync(walletId, cancellationToken);
        var banned = peers.FirstOrDefault(p => bans.Any(b => b.PeerNode == p.NodeId));
        if (banned is not null)
        {
            throw new SessionRefusedException($"node {Id} refuses peer {banned.NodeId} for wallet {walletId} (banned after a failed protocol check)");
        }

        var share = await LoadShareAsync(walletId, keyVersion, cancellationToken);
        ChannelProtector? protector = null;
        try
        {
            if (share.Self != self.PartyIndex)
            {
                throw new SessionRefusedException($"node {Id} is party {share.Self} of wallet {walletId}, not {self.PartyIndex}");
            }

            protector = ProtectorFor(self, peers);
            var party = _engine.Signing(sessionId, share, peers.Select(p => p.PartyIndex).ToArray(), digest, path);
            await RegisterAsync(new NodeSession(sessionId, SessionKind.Signing, walletId, keyVersion, peers, party, protector, share, DateTimeOffset.UtcNow + _sessionLifetime), cancellationToken);
        }
        catch
        {
            share.Clear();
            protector?.Dispose();
            throw;
        }
    }

    /// <summary>Opens a sealed share into memory; the caller owns it and must <see cref="KeyShare.Clear"/> it.</summary>
    public async Task<KeyShare> LoadShareAsync(string walletId, long keyVersion, CancellationToken cancellationToken)
    {
        var record = await Store.ShareAsync(walletId, keyVersion, cancellationToken)
            ?? throw new SessionRefusedException($"node {Id} holds no share of wallet {walletId} version {keyVersion}");
        byte[] plaintext;
        try
        {
            plaintext = Sealer.Open(SharePurpose, walletId, keyVersion, record.Sealed);
        }
        catch (CryptographicException)
        {
            throw new SessionRefusedException($"node {Id}: the sealed share of wallet {walletId} does not open (tampered store?)");
        }

        try
        {
            return KeyShare.Decode(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Every participant accepted: run round 1 and whatever arrived early.</summary>
    public async Task BeginAsync(SessionId sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(sessionId.ToString(), out var session))
        {
            throw new SessionRefusedException($"node {Id} has no prepared session {sessionId}");
        }

        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            if (session.State != SessionState.Prepared)
            {
                return;
            }

            session.State = SessionState.Running;
            await AdvanceAsync(session, () =>
            {
                var outbound = new List<ProtocolMessage>(session.Party.Start());
                foreach (var early in session.TakeBuffered())
                {
                    outbound.AddRange(ReceiveOrDrop(session, early));
                }

                return outbound;
            }, cancellationToken);
        }
        finally
        {
            ReleaseGate(session);
        }
    }

    /// <summary>The coordinator gave up on the session: drop it and erase its secrets.</summary>
    public async Task<bool> AbortAsync(SessionId sessionId, string reason, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(sessionId.ToString(), out var session))
        {
            return false;
        }

        LogAborted(Id, session.Key, reason);
        await Store.MarkFinishedAsync(session.Key, session.Kind.ToString(), "aborted", cancellationToken);
        Forget(session);
        return true;
    }

    /// <summary>One inbound round message; every failure is a counted drop, never an exception to the broker.</summary>
    public async Task DeliverAsync(RoundMessage envelope, CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            Drops.Add(DropReason.NodeStopped);
            return;
        }

        if (envelope.Sender == Id)
        {
            return;
        }

        if (envelope.Recipient is { } recipient && recipient != Id)
        {
            Drop(DropReason.NotAddressedToThisNode, envelope);
            return;
        }

        if (!_sessions.TryGetValue(envelope.SessionId ?? "", out var session))
        {
            Drop(_recentlyFinished.ContainsKey(envelope.SessionId ?? "") ? DropReason.FinishedSession : DropReason.UnknownSession, envelope);
            return;
        }

        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            if (session.State == SessionState.Finished || !_sessions.ContainsKey(session.Key))
            {
                Drop(DropReason.FinishedSession, envelope);
                return;
            }

            var sender = session.PeerByNode(envelope.Sender ?? "");
            if (sender is null || sender.NodeId == Id)
            {
                Drop(DropReason.SenderNotInSession, envelope);
                return;
            }

            int? to = envelope.Recipient is null ? null : session.PeerByNode(Id)!.PartyIndex;
            ProtocolMessage message;
            try
            {
                // The channel checks that the broker's envelope equals the sealed, authenticated header.
                message = session.Protector.Open(new SealedProtocolMessage(session.Id, envelope.Round, sender.PartyIndex, to, envelope.Payload), session.Id);
            }
            catch (ChannelAuthenticationException e)
            {
                Drop(DropReason.Unauthenticated, envelope);
                LogUnauthenticated(Id, session.Key, envelope.Sender!, e.Reason);
                return;
            }

            // Only authentic messages claim a message id, so a forged message cannot pre-empt a real one's id.
            if (!session.MarkSeen(envelope.MessageId))
            {
                Drop(DropReason.Duplicate, envelope);
                return;
            }

            if (session.State == SessionState.Prepared)
            {
                session.Buffer(message);
                return;
            }

            await AdvanceAsync(session, () => ReceiveOrDrop(session, message), cancellationToken);
        }
        finally
        {
            ReleaseGate(session);
        }
    }

    /// <summary>Runs one engine step: an abort fails the session; otherwise its messages go out and a finished party completes.</summary>
    private async Task AdvanceAsync(NodeSession session, Func<IReadOnlyList<ProtocolMessage>> step, CancellationToken cancellationToken)
    {
        IReadOnlyList<ProtocolMessage> outbound;
        try
        {
            outbound = step();
        }
        catch (ProtocolAbortException abort)
        {
            await FailAsync(session, abort, cancellationToken);
            return;
        }

        await DispatchAsync(session, outbound, cancellationToken);
        await CompleteIfDoneAsync(session, cancellationToken);
    }

    /// <summary>Drops sessions whose lifetime passed (a coordinator that vanished must not leave secrets around).</summary>
    public void Sweep(DateTimeOffset now)
    {
        foreach (var session in _sessions.Values.Where(s => s.ExpiresAt < now))
        {
            LogAborted(Id, session.Key, "session lifetime exceeded");
            Forget(session);
        }

        foreach (var (key, at) in _recentlyFinished)
        {
            if (at + _sessionLifetime < now)
            {
                _recentlyFinished.TryRemove(key, out _);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        MarkRunning(false);
        _sealer?.Dispose();
        _identity?.Dispose();
        await Task.CompletedTask;
    }

    private async Task<SessionPeer> ValidateNewSessionAsync(SessionId sessionId, string walletId, IReadOnlyList<SessionPeer> peers, CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            throw new SessionRefusedException($"node {Id} is stopped");
        }

        if (string.IsNullOrWhiteSpace(walletId) || peers.Count < 2 || peers.Count > KeyShare.MaxParties
            || peers.Select(p => p.NodeId).Distinct().Count() != peers.Count || peers.Select(p => p.PartyIndex).Distinct().Count() != peers.Count
            || peers.Any(p => p.PartyIndex < 1 || p.PartyIndex > KeyShare.MaxParties))
        {
            throw new SessionRefusedException("participants must be 2..16 distinct nodes with distinct party indices");
        }

        var self = peers.FirstOrDefault(p => p.NodeId == Id) ?? throw new SessionRefusedException($"node {Id} is not a participant");
        var key = sessionId.ToString();
        if (_sessions.ContainsKey(key) || _recentlyFinished.ContainsKey(key) || await Store.IsFinishedAsync(key, cancellationToken))
        {
            throw new SessionRefusedException($"session {key} is already known to node {Id}");
        }

        return self;
    }

    private async Task RegisterAsync(NodeSession session, CancellationToken cancellationToken)
    {
        if (!_sessions.TryAdd(session.Key, session))
        {
            session.Dispose();
            throw new SessionRefusedException($"session {session.Key} is already known to node {Id}");
        }

        // Recorded before any message is sealed: after a restart this node refuses to rejoin the session, which
        // keeps the channel's one-seal-per-slot nonce rule across restarts.
        await Store.MarkFinishedAsync(session.Key, session.Kind.ToString(), "joined", cancellationToken);
        LastSessionId = session.Key;
    }

    private ChannelProtector ProtectorFor(SessionPeer self, IReadOnlyList<SessionPeer> peers)
    {
        var directory = new Dictionary<int, NodeIdentityPublic>();
        foreach (var peer in peers)
        {
            if (!NodeIdentityPublic.TryDecode(peer.Identity, out var identity) || identity is null)
            {
                throw new SessionRefusedException($"participant {peer.NodeId} has no valid channel identity");
            }

            directory[peer.PartyIndex] = identity;
        }

        try
        {
            return new ChannelProtector(Identity, self.PartyIndex, new PeerDirectory(directory));
        }
        catch (ArgumentException e)
        {
            throw new SessionRefusedException($"the participant directory is not usable by node {Id}: {e.Message}");
        }
    }

    private IReadOnlyList<ProtocolMessage> ReceiveOrDrop(NodeSession session, ProtocolMessage message)
    {
        try
        {
            return session.Party.Receive(message);
        }
        catch (ProtocolMessageRejectedException rejected)
        {
            Drops.Add(DropReason.RejectedByProtocol);
            LogRejected(Id, session.Key, rejected.Message);
            return [];
        }
    }

    private async Task DispatchAsync(NodeSession session, IReadOnlyList<ProtocolMessage> outbound, CancellationToken cancellationToken)
    {
        foreach (var message in outbound)
        {
            if (message.To is { } to)
            {
                var peer = session.PeerByIndex(to) ?? throw new InvalidOperationException($"no participant with index {to}");
                var envelope = new RoundMessage
                {
                    MessageId = NewId.NextGuid(),
                    SessionId = session.Key,
                    Round = message.Round,
                    Sender = Id,
                    Recipient = peer.NodeId,
                    Payload = session.Protector.Seal(message).Bytes,
                };
                var endpoint = await _bus.GetSendEndpoint(new Uri($"queue:{BrokerChannels.NodeRoundQueue(peer.NodeId)}"));
                await endpoint.SendWithin(envelope, PublishTimeout, cancellationToken);
            }
            else
            {
                await _bus.PublishWithin(new RoundMessage
                {
                    MessageId = NewId.NextGuid(),
                    SessionId = session.Key,
                    Round = message.Round,
                    Sender = Id,
                    Recipient = null,
                    Payload = session.Protector.Seal(message).Bytes,
                }, PublishTimeout, cancellationToken);
            }
        }
    }

    private async Task CompleteIfDoneAsync(NodeSession session, CancellationToken cancellationToken)
    {
        if (!session.Party.IsComplete)
        {
            return;
        }

        session.State = SessionState.Finished;
        if (session.Kind == SessionKind.KeyGeneration)
        {
            var share = (KeyShare)session.Party.Output;
            var encoded = share.Encode();
            var keyVersion = (long)share.Generation;
            try
            {
                await Store.SaveShareAsync(new KeyShareRecord
                {
                    WalletId = session.WalletId,
                    KeyVersion = keyVersion,
                    PartyIndex = share.Self,
                    PublicKey = Convert.ToHexStringLower(share.PublicKey.Encode()),
                    ChainCode = Convert.ToHexStringLower(share.RootChainCode),
                    Sealed = Sealer.Seal(SharePurpose, session.WalletId, keyVersion, encoded),
                    CreatedAt = DateTimeOffset.UtcNow,
                }, cancellationToken);
                await _bus.PublishWithin(new KeyShareStored
                {
                    MessageId = NewId.NextGuid(),
                    SessionId = session.Key,
                    WalletId = session.WalletId,
                    Node = Id,
                    PartyIndex = share.Self,
                    KeyVersion = share.Generation,
                    KeyId = Convert.ToHexStringLower(share.KeyId),
                    PublicKey = Convert.ToHexStringLower(share.PublicKey.Encode()),
                    ChainCode = Convert.ToHexStringLower(share.RootChainCode),
                }, PublishTimeout, cancellationToken);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(encoded);
                share.Clear();
            }
        }
        else
        {
            await _bus.PublishWithin(new PartialSignatureSubmitted
            {
                MessageId = NewId.NextGuid(),
                SessionId = session.Key,
                Node = Id,
                Payload = _engine.EncodePartialSignature(session.Party.Output),
            }, PublishTimeout, cancellationToken);
        }

        await Store.MarkFinishedAsync(session.Key, session.Kind.ToString(), "completed", cancellationToken);
        LogCompleted(Id, session.Kind, session.Key);
        Forget(session);
        if (session.Kind == SessionKind.KeyGeneration)
        {
            await _bus.PublishWithin(new NodeStateHint { MessageId = NewId.NextGuid(), Node = Id, Keys = await HeldKeysAsync(cancellationToken), LastSessionId = session.Key, At = DateTimeOffset.UtcNow }, PublishTimeout, cancellationToken);
        }
    }

    private async Task FailAsync(NodeSession session, ProtocolAbortException abort, CancellationToken cancellationToken)
    {
        session.State = SessionState.Finished;
        var culprit = abort.Culprit is { } index ? session.PeerByIndex(index)?.NodeId : null;
        var banned = abort.BanRecommended && culprit is not null;
        if (banned)
        {
            await Store.BanAsync(new BannedPeerRecord { WalletId = session.WalletId, PeerNode = culprit!, CheckName = abort.Check, SessionId = session.Key, BannedAt = DateTimeOffset.UtcNow }, cancellationToken);
        }

        LogFailed(Id, session.Key, abort.Check, culprit ?? "(unattributed)", banned);
        await Store.MarkFinishedAsync(session.Key, session.Kind.ToString(), "failed: " + abort.Check, cancellationToken);
        await _bus.PublishWithin(new SessionFailed
        {
            MessageId = NewId.NextGuid(),
            SessionId = session.Key,
            Node = Id,
            Culprit = culprit,
            Check = abort.Check,
            Banned = banned,
            Reason = abort.Message,
        }, PublishTimeout, cancellationToken);
        Forget(session);
    }

    private void Forget(NodeSession session)
    {
        session.State = SessionState.Finished;
        _recentlyFinished[session.Key] = DateTimeOffset.UtcNow;
        if (_sessions.TryRemove(session.Key, out _))
        {
            _ = DisposeWhenIdleAsync(session);
        }
    }

    // A message being processed under the gate may still seal with the session's protector: erase after it.
    private static async Task DisposeWhenIdleAsync(NodeSession session)
    {
        await session.Gate.WaitAsync();
        try
        {
            session.Dispose();
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private static void ReleaseGate(NodeSession session) => session.Gate.Release();

    private void Drop(DropReason reason, RoundMessage envelope)
    {
        Drops.Add(reason);
        LogDropped(Id, reason, envelope.SessionId ?? "(none)", envelope.Sender ?? "(none)", envelope.Round);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Node} dropped a round message ({Reason}): session {Session}, sender {Sender}, round {Round}")]
    private partial void LogDropped(string node, DropReason reason, string session, string sender, int round);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Node} dropped an unauthenticated round message in session {Session} claiming sender {Sender} ({Reason})")]
    private partial void LogUnauthenticated(string node, string session, string sender, ChannelRejection reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Node} rejected a round message in session {Session}: {Why}")]
    private partial void LogRejected(string node, string session, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Node} completed {Kind} session {Session}")]
    private partial void LogCompleted(string node, SessionKind kind, string session);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Node} aborted session {Session}: check {Check} failed, culprit {Culprit}, banned {Banned}")]
    private partial void LogFailed(string node, string session, string check, string culprit, bool banned);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Node} dropped session {Session}: {Reason}")]
    private partial void LogAborted(string node, string session, string reason);
}
