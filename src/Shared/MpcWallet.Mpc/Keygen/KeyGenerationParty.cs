using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Keygen;

/// <summary>
/// One party's run of distributed key generation (Feldman-VSS DKG with Schnorr proofs, base OTs for every ordered
/// pair, pairwise zero-share seeds and a jointly chosen root chain code) among parties 1..n with threshold t.
/// Four rounds: K1 broadcast; K2 broadcast + direct; K3 direct; K4 broadcast. The output is this party's
/// <see cref="KeyShare"/> of generation 0 whose <see cref="KeyShare.KeyId"/> is the agreed session digest.
/// Direct messages carry secrets: the node's channel layer must encrypt and authenticate them.
/// </summary>
public sealed class KeyGenerationParty : DistributedKeyParty
{
    public KeyGenerationParty(SessionId sessionId, int self, int threshold, int partyCount, IRandomSource random)
        : base(sessionId, self, ValidPartyCount(threshold, partyCount), NewSession(sessionId, self, threshold, partyCount, random))
    {
    }

    internal static int ValidPartyCount(int threshold, int partyCount)
    {
        if (threshold < 2 || threshold > partyCount || partyCount > KeyShare.MaxParties)
        {
            throw new ArgumentException("need 2 ≤ t ≤ n ≤ 16");
        }

        return partyCount;
    }

    private static DkgSession NewSession(SessionId sessionId, int self, int threshold, int partyCount, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new DkgSession(sessionId, self, threshold, partyCount, refreshed: null, random);
    }
}
