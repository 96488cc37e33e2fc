using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Refresh;

/// <summary>
/// Proactive refresh of an existing key among all n parties: the DKG of <see cref="KeyGenerationParty"/> re-run with
/// each party's constant term fixed to its additive share λ_i·s_i of the existing key (λ over all n parties), so the
/// new shares are a fresh Shamir sharing of the same secret. Checks that every dealer's constant term matches its
/// existing public share and that the new key equals the old one; carries the root chain code over (bound into the
/// session digest and the final proofs); all base OTs and zero-share seeds are new. Output: generation + 1, with
/// <see cref="KeyShare.KeyId"/> = this refresh's agreed session digest. The caller keeps the old share until every
/// party has confirmed the new one, then erases it (docs/engine-keygen.md).
/// </summary>
public sealed class KeyRefreshParty : RoundBasedParty<KeyShare>
{
    public const int RoundCount = KeyGenerationParty.RoundCount;

    private readonly DkgSession _dkg;

    public KeyRefreshParty(SessionId sessionId, KeyShare current, IRandomSource random)
        : base(sessionId, SelfOf(current), DkgSession.Participants(current.PartyCount), RoundCount)
    {
        ArgumentNullException.ThrowIfNull(random);
        _dkg = new DkgSession(sessionId, current.Self, current.Threshold, current.PartyCount, current, random);
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

    private static int SelfOf(KeyShare current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.Self;
    }

    private IReadOnlyList<ProtocolMessage> Send(DkgOutbound outbound) => outbound.ToMessages(Broadcast, Direct);
}
