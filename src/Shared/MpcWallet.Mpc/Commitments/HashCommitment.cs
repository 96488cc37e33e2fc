using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Commitments;

/// <summary>
/// C = H(tag, session, committer, purpose, payload, 32-byte fresh salt). Binding the committer stops a party from
/// copying another's commitment; the salt hides the payload until it is opened.
/// </summary>
public static class HashCommitment
{
    public const int Length = 32;
    public const int SaltLength = 32;

    public static (byte[] Commitment, byte[] Salt) Commit(SessionId session, int committer, string purpose, ReadOnlySpan<byte> payload, IRandomSource random)
    {
        var salt = new byte[SaltLength];
        random.Fill(salt);
        return (Compute(session, committer, purpose, payload, salt), salt);
    }

    public static bool Verify(SessionId session, int committer, string purpose, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> commitment)
    {
        if (salt.Length != SaltLength || commitment.Length != Length)
        {
            return false;
        }

        var expected = Compute(session, committer, purpose, payload, salt);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, commitment);
    }

    private static byte[] Compute(SessionId session, int committer, string purpose, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> salt)
    {
        using var transcript = new Transcript(HashTags.Commitment);
        return transcript.Append(session.Span).Append(committer).Append(purpose).Append(payload).Append(salt).Finish();
    }
}
