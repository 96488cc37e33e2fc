using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Signing;

namespace MpcWallet.Node.Sessions;

/// <summary>
/// One protocol run at this node: the engine party, the peers, the channel (the key agreement from prepare, the
/// protector from begin), the sealed messages that arrived before begin, the ids of messages already seen. All
/// access goes through <see cref="Gate"/> (the engine parties are not thread-safe). The key share a signing session
/// decoded lives here and is cleared when the session ends.
/// </summary>
internal sealed class NodeSession : IDisposable
{
    /// <summary>Sealed messages kept for a prepared session (a flood before begin is dropped, not stored).</summary>
    public const int MaxEarlyMessages = 256;

    // Monotonic: a stale session must stay stale once admission has counted it so, whatever the wall clock does.
    private readonly long _preparedAtTicks = Environment.TickCount64;

    private readonly HashSet<Guid> _seen = [];
    private readonly List<(Guid MessageId, SealedProtocolMessage Sealed)> _early = [];

    public NodeSession(SessionId id, SessionKind kind, string walletId, long keyVersion, IReadOnlyList<SessionPeer> peers, IProtocolParty<object> party, SessionKeyAgreement keyAgreement, KeyShare? share, DateTimeOffset expiresAt, TimeSpan beginWindow)
    {
        BeginWindow = beginWindow;
        Id = id;
        Key = id.ToString();
        Kind = kind;
        WalletId = walletId;
        KeyVersion = keyVersion;
        Peers = peers;
        Party = party;
        KeyAgreement = keyAgreement;
        Share = share;
        ExpiresAt = expiresAt;
    }

    public SessionId Id { get; }

    public string Key { get; }

    public SessionKind Kind { get; }

    public string WalletId { get; }

    public long KeyVersion { get; }

    public IReadOnlyList<SessionPeer> Peers { get; }

    public IProtocolParty<object> Party { get; }

    /// <summary>This node's half of the session's channel key agreement (its ephemeral key lives here until begin).</summary>
    public SessionKeyAgreement KeyAgreement { get; }

    /// <summary>Seals and opens this session's messages (signed broadcasts, encrypted direct messages); null before begin.</summary>
    public ChannelProtector? Protector { get; set; }

    public KeyShare? Share { get; }

    /// <summary>A key generation's wallet policy, stored with the share it produces.</summary>
    public KeyPolicy Policy { get; init; } = KeyPolicy.Strictest;

    public DateTimeOffset ExpiresAt { get; }

    public SessionState State { get; set; } = SessionState.Prepared;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>
    /// True once a signing party is past the round whose completion runs the OT-extension checks (it can evaluate no
    /// further check against this node's Δ); always true for other kinds. Read without the gate: a stale value is
    /// the earlier, more cautious one.
    /// </summary>
    public bool PassedOtExtensionCheck => Kind != SessionKind.Signing || Party.IsComplete || Party.Round > SigningParty.OtExtensionCheckRound;

    /// <summary>
    /// How long it waits for its begin (<c>Node:BeginWindow</c>). Once that is over it is never begun
    /// (<see cref="MissedBegin"/>), so it runs no OT-extension check and stops holding its peers' budget: a restarted
    /// coordinator's sessions are admitted without waiting for the whole session lifetime.
    /// </summary>
    public TimeSpan BeginWindow { get; }

    /// <summary>Still prepared, and its begin is overdue (<see cref="BeginWindow"/>): it will be refused.</summary>
    public bool MissedBegin => State == SessionState.Prepared && Environment.TickCount64 - _preparedAtTicks > (long)BeginWindow.TotalMilliseconds;

    public SessionPeer? PeerByNode(string nodeId) => Peers.FirstOrDefault(p => p.NodeId == nodeId);

    public SessionPeer? PeerByIndex(int index) => Peers.FirstOrDefault(p => p.PartyIndex == index);

    /// <summary>False when the message id was seen before (a redelivery or a replay).</summary>
    public bool MarkSeen(Guid messageId) => _seen.Add(messageId);

    /// <summary>Keeps a sealed message until begin (nothing can be opened before the keys exist); false when the buffer is full.</summary>
    public bool Buffer(Guid messageId, SealedProtocolMessage message)
    {
        if (_early.Count >= MaxEarlyMessages)
        {
            return false;
        }

        _early.Add((messageId, message));
        return true;
    }

    public IReadOnlyList<(Guid MessageId, SealedProtocolMessage Sealed)> TakeBuffered()
    {
        var buffered = _early.ToArray();
        _early.Clear();
        return buffered;
    }

    /// <summary>Erases the session's secrets: the decoded key share, the ephemeral key (if begin never ran) and the channel's keys.</summary>
    public void Dispose()
    {
        Share?.Clear();
        _early.Clear();
        KeyAgreement.Dispose();
        Protector?.CloseSession(Id);
        Protector?.Dispose();
    }
}
