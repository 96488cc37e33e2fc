using MassTransit;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Rounds;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Node.Admission;
using MpcWallet.Node.Engine;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Reporting;
using MpcWallet.Node.Rounds;
using MpcWallet.Node.Security;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Runtime;

/// <summary>
/// One MPC node, put together from its parts over one <see cref="SessionTable"/>: the <see cref="NodeVault"/> (sealed
/// store, channel identity), <see cref="SessionAdmission"/> (who may start a session here), the
/// <see cref="MessagePump"/> and <see cref="RoundSender"/> (round messages in and out), <see cref="SessionOutcomes"/>
/// and <see cref="NodeReports"/> (how sessions end and what the coordinator hears). NodeControl and the round
/// consumer talk to this type; a stopped node refuses sessions and drops messages here. Several nodes can live in one
/// process; they share nothing but the bus.
/// </summary>
internal sealed class NodeRuntime : IAsyncDisposable
{
    // Bounded: a publish hung across a broker restart would hold a round-consumer slot (two per node) for good; failed,
    // the session fails here and the coordinator retries it.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    private readonly NodeVault _vault;
    private readonly SessionTable _sessions;
    private readonly SessionAdmission _admission;
    private readonly SessionOutcomes _outcomes;
    private readonly MessagePump _pump;
    private readonly PeerBans _bans;

    public NodeRuntime(string id, string dataDirectory, NodeStore store, IThresholdEngine engine, KeyEncryptionKeySource keys, IBus bus, ClusterTrust trust, ILogger logger, TimeSpan sessionLifetime, TimeSpan beginWindow, ShareBackups? backups = null)
    {
        Id = id;
        DataDirectory = dataDirectory;
        Store = store;
        Drops = new DropCounters(id);
        _vault = new NodeVault(id, dataDirectory, store, keys, backups);
        _sessions = new SessionTable(sessionLifetime);
        var bans = new PeerBans(id, store);
        Reports = new NodeReports(id, _vault, trust, bus, PublishTimeout);
        _admission = new SessionAdmission(id, store, engine, _vault, _sessions, bans, sessionLifetime, beginWindow);
        _outcomes = new SessionOutcomes(id, store, engine, _vault, _sessions, bans, Reports, logger);
        _pump = new MessagePump(id, Drops, _sessions, new RoundSender(id, bus, PublishTimeout), _outcomes, bans, logger);
        _bans = bans;
    }

    public string Id { get; }

    public string DataDirectory { get; }

    public NodeStore Store { get; }

    public DropCounters Drops { get; }

    /// <summary>Everything this node publishes for the coordinator, signed by its identity.</summary>
    public NodeReports Reports { get; }

    /// <summary>False before start and after a stop: the node then ignores the broker and serves no gRPC.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>The NodeControl endpoint actually served (after start).</summary>
    public string? Endpoint { get; set; }

    public string? LastSessionId => _admission.LastAdmittedSessionId;

    /// <summary>The node's channel identity (Ed25519 + X25519 public keys), as NodeControl.GetInfo publishes it.</summary>
    public byte[] IdentityPublicKey => _vault.Identity.Public.Encode();

    /// <summary>The same, decoded (what the cluster manifest must list for this node).</summary>
    public MpcWallet.Mpc.Channel.NodeIdentityPublic Identity => _vault.Identity.Public;

    public int ActiveSessionCount => _sessions.Count;

    /// <summary>Applies the schema, checks the key-encryption key against the store, loads the channel identity and the bans.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await Store.MigrateAsync(cancellationToken);
        await _vault.OpenAsync(cancellationToken);
        await _bans.LoadAsync(cancellationToken);
    }

    /// <summary>Rollback protection: refuses a manifest older than the newest this node accepted, records a newer one (<see cref="NodeVault.AcceptManifestVersionAsync"/>).</summary>
    public Task AcceptManifestAsync(ClusterManifest manifest, CancellationToken cancellationToken) =>
        _vault.AcceptManifestVersionAsync(manifest.ClusterId, manifest.Version, cancellationToken);

    /// <summary>Stopping ends every session at once (their secrets are erased as soon as no step runs on them).</summary>
    public void MarkRunning(bool running)
    {
        IsRunning = running;
        if (!running)
        {
            _sessions.ForgetAll();
        }
    }

    public Task<IReadOnlyList<HeldKeyVersion>> HeldKeysAsync(CancellationToken cancellationToken) => _vault.HeldKeysAsync(cancellationToken);

    /// <summary>Prepares a key generation; returns this node's session key offer.</summary>
    public async Task<byte[]> PrepareKeyGenerationAsync(SessionId sessionId, string walletId, int threshold, KeyPolicy policy, IReadOnlyList<SessionPeer> peers, CancellationToken cancellationToken)
    {
        RefuseIfStopped();
        return await _admission.PrepareKeyGenerationAsync(sessionId, walletId, threshold, policy, peers, cancellationToken);
    }

    /// <summary>Prepares a signing session; returns this node's session key offer.</summary>
    public async Task<byte[]> PrepareSigningAsync(SessionId sessionId, string walletId, long keyVersion, byte[] digest, SigningPreImage? preImage, IReadOnlyList<uint> path, IReadOnlyList<SessionPeer> peers, CancellationToken cancellationToken)
    {
        RefuseIfStopped();
        return await _admission.PrepareSigningAsync(sessionId, walletId, keyVersion, digest, preImage, path, peers, cancellationToken);
    }

    /// <summary>Prepares a refresh of the wallet's committed generation <paramref name="keyVersion"/>; returns this node's session key offer.</summary>
    public async Task<byte[]> PrepareRefreshAsync(SessionId sessionId, string walletId, long keyVersion, IReadOnlyList<SessionPeer> peers, CancellationToken cancellationToken)
    {
        RefuseIfStopped();
        return await _admission.PrepareRefreshAsync(sessionId, walletId, keyVersion, peers, cancellationToken);
    }

    /// <summary>The coordinator switched the wallet to <paramref name="keyVersion"/>: commit it here and erase older shares.</summary>
    public Task<(bool Held, int Erased)> CommitGenerationAsync(string walletId, long keyVersion, CancellationToken cancellationToken)
    {
        RefuseIfStopped();
        return _vault.CommitAsync(walletId, keyVersion, cancellationToken);
    }

    /// <summary>Restore, step 1: a one-time key to re-seal this node's backup to (docs/engine-backup.md, restore drill).</summary>
    public Task<Mpc.Backup.RecoveryPublicKey> CreateRestoreKeyAsync(CancellationToken cancellationToken) => _vault.CreateRestoreKeyAsync(cancellationToken);

    /// <summary>Restore, step 2: the re-sealed backup becomes this node's share again.</summary>
    public Task<Mpc.Backup.ShareBackupHeader> RestoreShareAsync(byte[] backup, string walletId, Mpc.Curve.Point publicKey, byte[]? keyId, KeyPolicy policy, CancellationToken cancellationToken) =>
        _vault.RestoreShareAsync(backup, walletId, publicKey, keyId, policy, cancellationToken);

    /// <summary>Opens a sealed share into memory; the caller owns it and must <see cref="KeyShare.Clear"/> it.</summary>
    public Task<KeyShare> LoadShareAsync(string walletId, long keyVersion, CancellationToken cancellationToken) =>
        _vault.OpenShareAsync(walletId, keyVersion, cancellationToken);

    /// <summary>Every participant accepted: agree the channel keys from every participant's offer (by party index), run round 1 and whatever arrived early.</summary>
    public Task BeginAsync(SessionId sessionId, IReadOnlyDictionary<int, byte[]> offers, CancellationToken cancellationToken) => _pump.BeginAsync(sessionId, offers, cancellationToken);

    /// <summary>The coordinator gave up on the session: drop it and erase its secrets.</summary>
    public Task<bool> AbortAsync(SessionId sessionId, string reason, CancellationToken cancellationToken) => _outcomes.AbortAsync(sessionId, reason, cancellationToken);

    /// <summary>One inbound round message; every failure is a counted drop, never an exception to the broker.</summary>
    public async Task DeliverAsync(RoundMessage envelope, CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            Drops.Add(DropReason.NodeStopped);
            return;
        }

        await _pump.DeliverAsync(envelope, cancellationToken);
    }

    /// <summary>Drops sessions whose lifetime passed and forgets long-finished ones.</summary>
    public void Sweep(DateTimeOffset now)
    {
        _outcomes.ExpireOverdue(now);
        _sessions.PruneFinished(now);
    }

    public ValueTask DisposeAsync()
    {
        MarkRunning(false);
        _vault.Dispose();
        return ValueTask.CompletedTask;
    }

    private void RefuseIfStopped()
    {
        if (!IsRunning)
        {
            throw new SessionRefusedException($"node {Id} is stopped");
        }
    }
}
