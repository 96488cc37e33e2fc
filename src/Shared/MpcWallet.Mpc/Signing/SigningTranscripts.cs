using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Signing;

/// <summary>The hashes that bind a signing session together: sign_sid, the S1 echo digest and the RVOLE session ids.</summary>
internal static class SigningTranscripts
{
    public const int DigestLength = 32;

    /// <summary>
    /// sign_sid = H(key id, generation, session id, t, signer set, derivation path, digest, every sid_j in index order):
    /// it binds the key generation session (TOB-SILA-10), what is signed and under which child key, and everyone's
    /// fresh contribution, so no message of another session or key can be replayed into this one.
    /// </summary>
    public static byte[] SigningSessionDigest(
        byte[] keyId,
        uint generation,
        SessionId sessionId,
        IReadOnlyList<int> signers,
        IReadOnlyList<uint> path,
        ReadOnlySpan<byte> digest,
        IReadOnlyDictionary<int, byte[]> contributions)
    {
        using var transcript = new Transcript(HashTags.SigningSessionId);
        transcript.Append(keyId).Append((long)generation).Append(sessionId.Span).Append(signers.Count);
        foreach (var signer in signers)
        {
            transcript.Append(signer);
        }

        transcript.Append(path.Count);
        foreach (var index in path)
        {
            transcript.Append((long)index);
        }

        transcript.Append(digest);
        foreach (var signer in signers)
        {
            transcript.Append(contributions[signer]);
        }

        return transcript.Finish();
    }

    /// <summary>D = H(sign_sid, (j, sid_j, C_j) for every signer j): everyone must have seen the same S1 broadcasts.</summary>
    public static byte[] EchoDigest(byte[] signingSessionDigest, IReadOnlyList<int> signers, IReadOnlyDictionary<int, NonceCommitmentMessage> round1)
    {
        using var transcript = new Transcript(HashTags.SigningEchoDigest);
        transcript.Append(signingSessionDigest);
        foreach (var signer in signers)
        {
            var message = round1[signer];
            transcript.Append(signer).Append(message.SessionContribution).Append(message.Commitment);
        }

        return transcript.Finish();
    }

    /// <summary>The RVOLE instance of the ordered pair (Alice, Bob) inside this signing session.</summary>
    public static byte[] RvoleSessionId(byte[] signingSessionDigest, int alice, int bob)
    {
        using var transcript = new Transcript(HashTags.SigningRvoleSessionId);
        return transcript.Append(signingSessionDigest).Append(alice).Append(bob).Finish();
    }
}
