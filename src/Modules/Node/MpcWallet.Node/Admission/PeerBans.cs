using System.Collections.Concurrent;
using MpcWallet.Mpc;
using MpcWallet.Node.Persistence;
using MpcWallet.Node.Sessions;

namespace MpcWallet.Node.Admission;

/// <summary>
/// Peers a failed protocol check blamed with a ban recommendation, per wallet: durable in the node's store (the
/// truth, written before anything else happens after the failed check) and mirrored in memory, so that every round
/// delivery can consult them without a query. A banned peer is refused in every later session of that wallet and
/// ends every running one (docs/engine-signing.md §4.1).
/// </summary>
/// <remarks>
/// Each wallet has a check lock (<see cref="HoldAsync"/>): the step that may run an OT-extension check against this
/// node's Δ holds it from the ban lookup to the end of the check and, if the check fails, to the durable ban. So
/// checks on one wallet run one at a time, and after the first failed one no other check with that peer is ever
/// evaluated: the attacker learns exactly one reject per Δ.
/// </remarks>
internal sealed class PeerBans(string nodeId, NodeStore store)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _banned = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _checkLocks = new();

    /// <summary>Loads every recorded ban (at start, before the node takes sessions).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var ban in await store.AllBansAsync(cancellationToken))
        {
            Remember(ban.WalletId, ban.PeerNode);
        }
    }

    /// <summary>Refuses the session when any participant is banned for the wallet (read from the store, the truth).</summary>
    public async Task RefuseBannedAsync(string walletId, IReadOnlyList<SessionPeer> peers, CancellationToken cancellationToken)
    {
        var bans = await store.BansAsync(walletId, cancellationToken);
        foreach (var ban in bans)
        {
            Remember(ban.WalletId, ban.PeerNode);
        }

        var banned = peers.FirstOrDefault(p => bans.Any(b => b.PeerNode == p.NodeId));
        if (banned is not null)
        {
            throw new SessionRefusedException(
                $"node {nodeId} refuses peer {banned.NodeId} for wallet {walletId} (banned after a failed protocol check)", SessionRefusal.PeerBanned, banned.NodeId);
        }
    }

    /// <summary>The first participant of the session banned for its wallet (from memory), or null.</summary>
    public string? BannedParticipant(NodeSession session) =>
        _banned.TryGetValue(session.WalletId, out var peers) ? session.Peers.FirstOrDefault(p => peers.ContainsKey(p.NodeId))?.NodeId : null;

    /// <summary>
    /// Records the ban the abort recommends, if it names a culprit: durably first, then in memory. True when the
    /// culprit is now banned. Idempotent (a ban already recorded is not written again).
    /// </summary>
    public async Task<bool> BanAsync(NodeSession session, string? culprit, ProtocolAbortException abort, CancellationToken cancellationToken)
    {
        if (!abort.BanRecommended || culprit is null)
        {
            return false;
        }

        if (_banned.TryGetValue(session.WalletId, out var known) && known.ContainsKey(culprit))
        {
            return true;
        }

        // Not cancellable: a reject the peer has observed must not go unrecorded because a caller gave up.
        await store.BanAsync(new BannedPeerRecord { WalletId = session.WalletId, PeerNode = culprit, CheckName = abort.Check, SessionId = session.Key, BannedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        Remember(session.WalletId, culprit);
        return true;
    }

    /// <summary>Takes the wallet's check lock (see the remarks); dispose the result to release it.</summary>
    public async Task<IDisposable> HoldAsync(string walletId, CancellationToken cancellationToken)
    {
        var gate = _checkLocks.GetOrAdd(walletId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private void Remember(string walletId, string peer) =>
        _banned.GetOrAdd(walletId, _ => new ConcurrentDictionary<string, byte>())[peer] = 0;

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
