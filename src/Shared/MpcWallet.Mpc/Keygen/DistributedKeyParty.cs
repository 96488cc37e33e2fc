using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Keygen;

/// <summary>
/// The four DKG rounds shared by key generation and refresh; the two differ only in how their
/// <see cref="DkgSession"/> is set up (random constant terms, or each party's additive share of the existing key).
/// </summary>
public abstract class DistributedKeyParty : RoundBasedParty<KeyShare>
{
    public const int RoundCount = 4;

    private readonly DkgSession _dkg;

    private protected DistributedKeyParty(SessionId sessionId, int self, int partyCount, DkgSession dkg)
        : base(sessionId, self, DkgSession.Participants(partyCount), RoundCount)
    {
        _dkg = dkg;
    }

    protected override RoundShape ShapeOf(int round) => DkgSession.ShapeOf(round);

    protected override IReadOnlyList<ProtocolMessage> StartProtocol() => Send(_dkg.Start());

    protected override IReadOnlyList<ProtocolMessage> CompleteRound(int round, RoundInbox inbox)
    {
        switch (round)
        {
            case 1:
                return Send(_dkg.AfterCommitments(inbox));
            case 2:
                return Send(_dkg.AfterCoefficients(inbox));
            case 3:
                return Send(_dkg.AfterShares(inbox));
            default:
                SetOutput(_dkg.Finish(inbox));
                return [];
        }
    }

    protected override void EraseSecrets() => _dkg.Erase();

    private IReadOnlyList<ProtocolMessage> Send(DkgOutbound outbound) => outbound.ToMessages(Broadcast, Direct);
}
