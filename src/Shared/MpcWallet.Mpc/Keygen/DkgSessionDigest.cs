using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Keygen;

/// <summary>
/// The identifiers every DKG (or refresh) run derives after K1: the agreed session digest dkg_sid, the per-pair base-OT
/// session ids, and the root chain code. dkg_sid binds the coordinator's session id, the parameters, (for a refresh)
/// the key being refreshed, and every party's K1 contribution and commitment in index order — so it commits every
/// party to its F_j before anyone reveals it, and any split view of K1 shows up as a digest mismatch.
/// </summary>
internal static class DkgSessionDigest
{
    public const int Length = 32;

    public static byte[] Compute(SessionId session, int threshold, int partyCount, KeyShare? refreshed, IReadOnlyList<DkgCommitMessage> commitsInIndexOrder)
    {
        if (commitsInIndexOrder.Count != partyCount)
        {
            throw new ArgumentException("need one K1 message per party", nameof(commitsInIndexOrder));
        }

        using var transcript = new Transcript(refreshed is null ? HashTags.KeygenSessionId : HashTags.RefreshSessionId);
        transcript.Append(session.Span).Append(threshold).Append(partyCount);
        if (refreshed is not null)
        {
            transcript.Append(refreshed.KeyId).Append(refreshed.Generation).Append(refreshed.PublicKey).Append(refreshed.RootChainCode);
            foreach (var share in refreshed.PublicShares)
            {
                transcript.Append(share);
            }
        }

        for (var j = 0; j < partyCount; j++)
        {
            transcript.Append(j + 1).Append(commitsInIndexOrder[j].SessionContribution).Append(commitsInIndexOrder[j].Commitment);
        }

        return transcript.Finish();
    }

    /// <summary>The base-OT session of the pair whose base-OT receiver (= future extension sender) is <paramref name="receiver"/>.</summary>
    public static byte[] BaseOtSession(byte[] sessionDigest, int receiver, int sender)
    {
        using var transcript = new Transcript(HashTags.BaseOtSessionId);
        return transcript.Append(sessionDigest).Append(receiver).Append(sender).Finish();
    }

    public static byte[] RootChainCode(byte[] sessionDigest, IReadOnlyList<byte[]> contributionsInIndexOrder)
    {
        using var transcript = new Transcript(HashTags.RootChainCode);
        transcript.Append(sessionDigest);
        for (var j = 0; j < contributionsInIndexOrder.Count; j++)
        {
            transcript.Append(j + 1).Append(contributionsInIndexOrder[j]);
        }

        return transcript.Finish();
    }

    /// <summary>
    /// A public digest of a pair's zero-share seed (the seed is 256 uniformly random bits, so the digest hides it),
    /// letting the pair confirm in K4 that both hold the same seed.
    /// </summary>
    public static byte[] ZeroSeedConfirmation(byte[] sessionDigest, int first, int second, byte[] seed)
    {
        using var transcript = new Transcript(HashTags.ZeroSeedConfirmation);
        return transcript.Append(sessionDigest).Append(Math.Min(first, second)).Append(Math.Max(first, second)).Append(seed).Finish();
    }
}
