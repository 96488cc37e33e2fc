using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Proofs;

/// <summary>
/// Non-interactive (Fiat–Shamir) proof of knowledge of x with X = x·G. The challenge binds the session, the prover's
/// index, a purpose label and purpose-specific context (e.g. a coefficient index or the root chain code), G, X and the
/// announcement A, so a proof cannot be replayed in another session, by another party, or for another statement
/// (the tss-lib CVE-2022-47930 class). Encoding: A (33-byte compressed) ‖ z (32-byte canonical) = 65 bytes.
/// </summary>
internal sealed class SchnorrProof
{
    public const int EncodedLength = Point.EncodedLength + Scalar.EncodedLength;

    private SchnorrProof(Point announcement, Scalar response)
    {
        Announcement = announcement;
        Response = response;
    }

    public Point Announcement { get; }

    public Scalar Response { get; }

    public static SchnorrProof Prove(SchnorrStatement statement, Scalar secret, IRandomSource random)
    {
        if (secret.IsZero)
        {
            throw new ArgumentException("the witness must be non-zero", nameof(secret));
        }

        var publicValue = Point.MultiplyGenerator(secret);
        var nonce = Scalar.Random(random);
        var announcement = Point.MultiplyGenerator(nonce);
        var challenge = Challenge(statement, publicValue, announcement);
        var response = nonce + (challenge * secret);
        return new SchnorrProof(announcement, response);
    }

    /// <summary>z·G = A + e·X with X and A non-identity (A cannot be the identity: it has no encoding).</summary>
    public bool Verify(SchnorrStatement statement, Point publicValue)
    {
        if (publicValue.IsIdentity || Announcement.IsIdentity)
        {
            return false;
        }

        var challenge = Challenge(statement, publicValue, Announcement);
        var recomputed = Point.SumOfTwoMultiplies(Point.Generator, Response, publicValue, -challenge);
        return recomputed.Equals(Announcement);
    }

    public void Write(WireWriter writer) => writer.WritePoint(Announcement).WriteScalar(Response);

    public static SchnorrProof Read(ref WireReader reader)
    {
        var announcement = reader.ReadPoint();
        var response = reader.ReadScalar();
        return new SchnorrProof(announcement, response);
    }

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength);
        Write(writer);
        return writer.ToArray();
    }

    public static SchnorrProof Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new WireReader(encoded);
        var proof = Read(ref reader);
        reader.EnsureEnd();
        return proof;
    }

    private static Scalar Challenge(SchnorrStatement statement, Point publicValue, Point announcement)
    {
        using var transcript = new Transcript(HashTags.SchnorrChallenge);
        return transcript
            .Append(statement.Session)
            .Append(statement.Prover)
            .Append(statement.Purpose)
            .Append(statement.Context)
            .Append(Point.Generator)
            .Append(publicValue)
            .Append(announcement)
            .FinishScalar();
    }
}
