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
public sealed class KeyRefreshParty : DistributedKeyParty
{
    public KeyRefreshParty(SessionId sessionId, KeyShare current, IRandomSource random)
        : base(sessionId, SelfOf(current), current.PartyCount, NewSession(sessionId, current, random))
    {
    }

    private static int SelfOf(KeyShare current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current.Self;
    }

    private static DkgSession NewSession(SessionId sessionId, KeyShare current, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new DkgSession(sessionId, current.Self, current.Threshold, current.PartyCount, current, random);
    }
}
