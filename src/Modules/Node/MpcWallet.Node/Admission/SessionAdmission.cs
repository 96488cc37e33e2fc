using MpcWallet.Ethereum.Signing;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Node.Engine;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Security;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Admission;

/// <summary>
/// Decides whether this node joins a session the coordinator prepares, and if so registers it (prepared, not yet
/// started). Every kind goes the same way: the checks common to all sessions, the kind's own checks, the engine
/// party and its channel key agreement, then the joined-sessions record and the session table. The answer is this
/// node's session key offer (docs/channel.md §5). A refusal is a <see cref="SessionRefusedException"/> and leaves
/// nothing behind.
/// </summary>
internal sealed class SessionAdmission(string nodeId, NodeStore store, IThresholdEngine engine, NodeVault vault, SessionTable sessions, PeerBans bans, TimeSpan sessionLifetime, TimeSpan beginWindow)
{
    // Admission decisions that count running sessions (the OT-check budget) and the insert they allow are one step.
    private readonly Lock _admitting = new();

    /// <summary>The session most recently admitted (reported in state hints).</summary>
    public string? LastAdmittedSessionId { get; private set; }

    public async Task<byte[]> PrepareKeyGenerationAsync(SessionId sessionId, string walletId, int threshold, KeyPolicy policy, IReadOnlyList<SessionPeer> peers, CancellationToken cancellationToken)
    {
        var self = await ValidateAsync(sessionId, walletId, peers, cancellationToken);
        if (threshold < 2 || threshold > peers.Count || peers.Select(p => p.PartyIndex).Order().SequenceEqual(Enumerable.Range(1, peers.Count)) is false)
        {
            throw new SessionRefusedException("key generation needs 2 ≤ t ≤ n and party indices 1..n");
        }

        var agreement = SessionChannels.Open(nodeId, vault.Identity, sessionId, self, peers);
        var party = engine.KeyGeneration(sessionId, self.PartyIndex, threshold, peers.Count);
        return await RegisterAsync(new NodeSession(sessionId, SessionKind.KeyGeneration, walletId, 0, peers, party, agreement, null, DateTimeOffset.UtcNow + sessionLifetime, beginWindow) { Policy = policy }, cancellationToken);
    }

    /// <param name="preImage">what is signed; the node recomputes <paramref name="digest"/> from it (<see cref="PreImageCheck"/>).</param>
    public async Task<byte[]> PrepareSigningAsync(SessionId sessionId, string walletId, long keyVersion, byte[] digest, SigningPreImage? preImage, IReadOnlyList<uint> path, IReadOnlyList<SessionPeer> peers, CancellationToken cancellationToken)
    {
        var self = await ValidateAsync(sessionId, walletId, peers, cancellationToken);
        if (digest.Length != 32)
        {
            throw new SessionRefusedException("the digest must be 32 bytes");
        }

        PreImageCheck.Verify(nodeId, walletId, digest, preImage);
        await bans.RefuseBannedAsync(walletId, peers, cancellationToken);
        var (share, policy) = await vault.OpenKeyAsync(walletId, keyVersion, cancellationToken, commitPending: true);
        SessionKeyAgreement? agreement = null;
        try
        {
            PreImageCheck.Allow(nodeId, walletId, preImage!, policy);
            if (share.Self != self.PartyIndex)
            {
                throw new SessionRefusedException($"node {nodeId} is party {share.Self} of wallet {walletId}, not {self.PartyIndex}");
            }

            agreement = SessionChannels.Open(nodeId, vault.Identity, sessionId, self, peers);
            var party = engine.Signing(sessionId, share, peers.Select(p => p.PartyIndex).ToArray(), digest, path);
            return await RegisterAsync(new NodeSession(sessionId, SessionKind.Signing, walletId, keyVersion, peers, party, agreement, share, DateTimeOffset.UtcNow + sessionLifetime, beginWindow), cancellationToken);
        }
        catch
        {
            share.Clear();
            agreement?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A refresh of the wallet's committed generation <paramref name="keyVersion"/> (its newest committed one) among
    /// every holder, at the party indices of the share; the result is stored pending (docs/design-lifecycle.md).
    /// Banned peers are not refused here: a refresh needs every holder, and it renews the pairwise OT setup the ban
    /// was about (its own checks still abort on any deviation).
    /// </summary>
    public async Task<byte[]> PrepareRefreshAsync(SessionId sessionId, string walletId, long keyVersion, IReadOnlyList<SessionPeer> peers, CancellationToken cancellationToken)
    {
        var self = await ValidateAsync(sessionId, walletId, peers, cancellationToken);
        var (share, policy) = await vault.OpenKeyAsync(walletId, keyVersion, cancellationToken);
        SessionKeyAgreement? agreement = null;
        try
        {
            if (share.Self != self.PartyIndex || !peers.Select(p => p.PartyIndex).Order().SequenceEqual(Enumerable.Range(1, share.PartyCount)))
            {
                throw new SessionRefusedException($"a refresh of wallet {walletId} needs all {share.PartyCount} holders at their party indices (node {nodeId} is party {share.Self})");
            }

            agreement = SessionChannels.Open(nodeId, vault.Identity, sessionId, self, peers);
            var party = engine.Refresh(sessionId, share);
            return await RegisterAsync(new NodeSession(sessionId, SessionKind.Refresh, walletId, keyVersion, peers, party, agreement, share, DateTimeOffset.UtcNow + sessionLifetime, beginWindow) { Policy = policy }, cancellationToken);
        }
        catch
        {
            share.Clear();
            agreement?.Dispose();
            throw;
        }
    }

    /// <summary>The checks every session passes: well-formed participants, this node among them, a session id never seen.</summary>
    private async Task<SessionPeer> ValidateAsync(SessionId sessionId, string walletId, IReadOnlyList<SessionPeer> peers, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(walletId) || peers.Count < 2 || peers.Count > KeyShare.MaxParties
            || peers.Select(p => p.NodeId).Distinct().Count() != peers.Count || peers.Select(p => p.PartyIndex).Distinct().Count() != peers.Count
            || peers.Any(p => p.PartyIndex < 1 || p.PartyIndex > KeyShare.MaxParties))
        {
            throw new SessionRefusedException("participants must be 2..16 distinct nodes with distinct party indices");
        }

        var self = peers.FirstOrDefault(p => p.NodeId == nodeId) ?? throw new SessionRefusedException($"node {nodeId} is not a participant");
        var key = sessionId.ToString();
        if (sessions.IsRunning(key) || sessions.FinishedRecently(key) || await store.IsFinishedAsync(key, cancellationToken))
        {
            throw new SessionRefusedException($"session {key} is already known to node {nodeId}");
        }

        return self;
    }

    /// <summary>Registers the session and returns this node's key offer for it.</summary>
    private async Task<byte[]> RegisterAsync(NodeSession session, CancellationToken cancellationToken)
    {
        lock (_admitting)
        {
            // Refused, not queued: the coordinator learns at once (PeerBusy) and retries; a held session would keep
            // its secrets and a broker buffer around for an unknown time.
            if (OtCheckBudget.ExhaustedPeer(session, nodeId, sessions.Running) is { } busy)
            {
                session.Dispose();
                throw new SessionRefusedException(
                    $"node {nodeId} is busy with peer {busy} on wallet {session.WalletId}: {MpcWallet.Mpc.Ot.OtParameters.MaxInFlightChecksPerPeer} signing sessions have not passed their OT-extension check yet; retry shortly",
                    SessionRefusal.PeerBusy,
                    busy);
            }

            if (!sessions.TryAdd(session))
            {
                session.Dispose();
                throw new SessionRefusedException($"session {session.Key} is already known to node {nodeId}");
            }
        }

        // Recorded before any message is sealed: a replayed prepare is refused after a restart. Nonce uniqueness no
        // longer rests on it: a run that gets in again (a rolled-back record) draws a new ephemeral key, so new keys.
        await store.MarkFinishedAsync(session.Key, session.Kind.ToString(), "joined", cancellationToken);
        LastAdmittedSessionId = session.Key;
        return session.KeyAgreement.Offer.Encode();
    }
}
