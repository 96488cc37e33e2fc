using System.Collections.Concurrent;
using MpcWallet.Mpc;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Signing;
using MpcWallet.Node.Engine;

namespace MpcWallet.Node.Tests.Support;

/// <summary>
/// The real engine for every node, except that the party at index <see cref="Cheater"/> corrupts one column of the
/// OT-extension correction matrix in its round-2 message to <see cref="Victim"/> (a different column in each of its
/// signing sessions, in order 0, 1, 2, …), as the selective-failure attack on the victim's Δ does (H3), and that the
/// victim's checks are recorded in the order it evaluates them.
/// </summary>
/// <remarks>
/// The adaptive attack (corrupt column j, recompute the check values: accepted iff Δ_j = 0) needs the engine's
/// internals and is proven at the engine level (<c>OtExtensionTests.Malicious_receiver_corrupting_one_column_is_caught_whenever_the_corruption_reaches_the_sender</c>:
/// rejected iff Δ_j = 1, and when accepted the sender's outputs equal the honest ones). Here the cheater shows the
/// victim exactly that observable behaviour through the real engine and channel: when <see cref="Corrupts"/> says so
/// for the session's column it flips a byte of that column (the victim's real check rejects it), otherwise it sends
/// the honest message (the victim's real check accepts it).
/// </remarks>
internal sealed class CheatingEngine : IThresholdEngine
{
    private readonly DklsEngine _honest = new();
    private readonly ConcurrentQueue<CheckEvent> _checks = new();
    private int _nextColumn = -1;
    private long _order;

    public int Cheater { get; init; } = 2;

    public int Victim { get; init; } = 1;

    /// <summary>Whether the cheater's message in the session that uses column j is caught (default: always).</summary>
    public Func<int, bool> Corrupts { get; set; } = _ => true;

    /// <summary>The column each cheating session corrupts, by session id.</summary>
    public ConcurrentDictionary<string, int> Columns { get; } = new();

    /// <summary>The victim's OT-extension checks against the cheater, in the order it evaluated them.</summary>
    public IReadOnlyList<CheckEvent> Checks => _checks.OrderBy(c => c.Order).ToArray();

    public IProtocolParty<KeyShare> KeyGeneration(SessionId sessionId, int self, int threshold, int partyCount) =>
        _honest.KeyGeneration(sessionId, self, threshold, partyCount);

    public IProtocolParty<KeyShare> Refresh(SessionId sessionId, KeyShare current) =>
        _honest.Refresh(sessionId, current);

    public IProtocolParty<object> Signing(SessionId sessionId, KeyShare share, IReadOnlyList<int> signers, ReadOnlySpan<byte> digest, IReadOnlyList<uint> derivationPath)
    {
        var party = _honest.Signing(sessionId, share, signers, digest, derivationPath);
        if (!signers.Contains(Cheater) || !signers.Contains(Victim))
        {
            return party;
        }

        if (share.Self == Cheater)
        {
            var column = Interlocked.Increment(ref _nextColumn);
            Columns[sessionId.ToString()] = column;
            return new ObservedParty(party, message => message.Round == SigningParty.OtExtensionCheckRound && message.To == Victim && Corrupts(column) ? FlipColumnByte(message, column) : message, null);
        }

        return share.Self == Victim ? new ObservedParty(party, m => m, passed => _checks.Enqueue(new CheckEvent(sessionId.ToString(), passed, Interlocked.Increment(ref _order)))) : party;
    }

    public byte[] EncodePartialSignature(object output) => _honest.EncodePartialSignature(output);

    /// <summary>Δ_j of the victim toward the cheater (the victim's OT-extension sender state for the pair).</summary>
    public static int DeltaBit(KeyShare victimShare, int cheater, int column) =>
        (victimShare.With(cheater).AsSender.Delta[column / 8] >> (column % 8)) & 1;

    private static ProtocolMessage FlipColumnByte(ProtocolMessage message, int column)
    {
        // Body of S2: sign_sid (32 bytes), then the correction matrix, 80 bytes per column.
        var payload = message.Payload.ToArray();
        payload[RoundBasedParty<PartialSignature>.HeaderLength + 32 + (column * 80) + 7] ^= 0x10;
        return message with { Payload = payload };
    }

    /// <summary>One evaluated check: passed, or rejected (ot-extension-consistency).</summary>
    internal sealed record CheckEvent(string Session, bool Passed, long Order);

    private sealed class ObservedParty(IProtocolParty<object> inner, Func<ProtocolMessage, ProtocolMessage> outbound, Action<bool>? onCheck) : IProtocolParty<object>
    {
        public SessionId SessionId => inner.SessionId;

        public int Self => inner.Self;

        public IReadOnlyList<int> Participants => inner.Participants;

        public int Round => inner.Round;

        public bool IsComplete => inner.IsComplete;

        public object Output => inner.Output;

        public IReadOnlyList<ProtocolMessage> Start() => inner.Start().Select(outbound).ToArray();

        public IReadOnlyList<ProtocolMessage> Receive(ProtocolMessage message)
        {
            var before = inner.Round;
            try
            {
                var answer = inner.Receive(message).Select(outbound).ToArray();
                if (before <= SigningParty.OtExtensionCheckRound && (inner.Round > SigningParty.OtExtensionCheckRound || inner.IsComplete))
                {
                    onCheck?.Invoke(true);
                }

                return answer;
            }
            catch (ProtocolAbortException abort) when (abort.Check == AbortChecks.OtExtensionConsistency)
            {
                onCheck?.Invoke(false);
                throw;
            }
        }
    }
}
