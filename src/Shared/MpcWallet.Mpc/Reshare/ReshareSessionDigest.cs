using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Reshare;

/// <summary>
/// reshare_sid = H(reshare tag, sid, t′, n′, roster (party, old index or 0, new index or 0 for every participant
/// ascending), the reshared key's description, (party, contribution, commitment or empty) for every participant
/// ascending). It commits every dealer to its F_i before anyone reveals one, binds the old key and generation and who
/// deals to whom, and any split view of R1 or of the roster shows up as a digest mismatch. It becomes the new KeyId.
/// </summary>
internal static class ReshareSessionDigest
{
    public static byte[] Compute(SessionId session, ReshareRoster roster, ResharedKey key, IReadOnlyDictionary<int, ReshareCommitMessage> commits)
    {
        using var transcript = new Transcript(HashTags.ReshareSessionId);
        transcript.Append(session.Span).Append(roster.NewThreshold).Append(roster.NewPartyCount);
        foreach (var participant in roster.Participants)
        {
            transcript.Append(participant.Party).Append(participant.OldIndex ?? 0).Append(participant.NewIndex ?? 0);
        }

        key.AppendTo(transcript);
        foreach (var participant in roster.Participants)
        {
            var commit = commits[participant.Party];
            transcript.Append(participant.Party).Append(commit.SessionContribution).Append(commit.Commitment ?? []);
        }

        return transcript.Finish();
    }
}
