using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Reshare;

/// <summary>
/// One participant of a reshare (quorum change): a key shared t-of-n among old holders becomes shared t′-of-n′ among
/// new holders, with the same public key and chain code (docs/engine-reshare.md). At least t old holders deal; the new
/// holders (new indices 1..n′) receive fresh shares and a fresh pairwise OT setup. Four rounds:
/// R1 broadcast (everyone); R2 broadcast (everyone) + direct (new holder → new holder); R3 direct (everyone → new
/// holder); R4 broadcast (new holder → everyone). The output's <see cref="ReshareResult.Share"/> has generation + 1 and
/// the reshare's session digest as <see cref="KeyShare.KeyId"/>, so it never signs together with an old share.
/// Direct messages carry secrets: the node's channel layer must encrypt and authenticate them.
/// </summary>
public sealed class KeyReshareParty : RoundBasedParty<ReshareResult>
{
    public const int RoundCount = 4;

    private readonly ReshareRoster _roster;
    private readonly ReshareSession _reshare;

    /// <summary>A dealer: an old holder taking part with its current share (it may also be a new holder, per the roster).</summary>
    public KeyReshareParty(SessionId sessionId, int self, ReshareRoster roster, KeyShare current, IRandomSource random)
        : base(sessionId, self, PartiesOf(roster), RoundCount)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(random);
        if (!roster.Deals(self) || roster.OldIndexOf(self) != current.Self)
        {
            throw new ArgumentException($"party {self} must be a dealer whose old index is its key share's index {current.Self}", nameof(roster));
        }

        if (roster.DealerOldIndices.Any(i => i > current.PartyCount) || roster.Dealers.Count < current.Threshold)
        {
            throw new ArgumentException($"the dealers must be at least {current.Threshold} distinct holders of the {current.Threshold}-of-{current.PartyCount} key", nameof(roster));
        }

        _roster = roster;
        _reshare = new ReshareSession(sessionId, self, roster, current, null, random);
    }

    /// <summary>A new holder without a share of the old key; <paramref name="expected"/> is the key it agrees to receive.</summary>
    public KeyReshareParty(SessionId sessionId, int self, ReshareRoster roster, ReshareKeyReference expected, IRandomSource random)
        : base(sessionId, self, PartiesOf(roster), RoundCount)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(random);
        if (roster.Deals(self) || !roster.Receives(self))
        {
            throw new ArgumentException($"party {self} must be a new holder that does not deal (a dealer needs its key share)", nameof(roster));
        }

        _roster = roster;
        _reshare = new ReshareSession(sessionId, self, roster, null, expected, random);
    }

    // Key generation's round shapes; who sends in a round follows from the roster (SendersOf).
    protected override RoundShape ShapeOf(int round) => DkgSession.ShapeOf(round);

    protected override IReadOnlyCollection<int> SendersOf(int round, RoundShape kind) => (round, kind) switch
    {
        (2, RoundShape.Direct) => _roster.Receives(Self) ? OtherNewHolders() : [],
        (3, _) => _roster.Receives(Self) ? Others : [],
        (4, _) => OtherNewHolders(),
        _ => Others,
    };

    protected override IReadOnlyList<ProtocolMessage> StartProtocol() => Send(_reshare.Start());

    protected override IReadOnlyList<ProtocolMessage> CompleteRound(int round, RoundInbox inbox)
    {
        switch (round)
        {
            case 1:
                return Send(_reshare.AfterCommitments(inbox));
            case 2:
                return Send(_reshare.AfterCoefficients(inbox));
            case 3:
                return Send(_reshare.AfterShares(inbox));
            default:
                SetOutput(_reshare.Finish(inbox));
                return [];
        }
    }

    protected override void EraseSecrets() => _reshare.Erase();

    private static IReadOnlyList<int> PartiesOf(ReshareRoster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return roster.Participants.Select(p => p.Party).ToArray();
    }

    private int[] OtherNewHolders() => _roster.NewHolders.Where(p => p != Self).ToArray();

    private IReadOnlyList<ProtocolMessage> Send(DkgOutbound outbound) => outbound.ToMessages(Broadcast, Direct);
}
