using MpcWallet.Mpc.Commitments;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Multiplication;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Signing;

/// <summary>
/// S3 (direct, sender i acts as RVOLE Alice toward recipient j as Bob): signing session digest; RVOLE response for
/// Alice's inputs (r_i, sk_i); echo digest of S1; pk_i = sk_i·G; the opening (R_i, salt) of the S1 commitment;
/// Γ_u = c_u·G and Γ_v = c_v·G for Alice's RVOLE output shares; ψ_ij = φ_i − χ_ij from i's own Bob role toward j.
/// 49,476 bytes.
/// </summary>
internal sealed class MultiplicationResponseMessage
{
    public const int EncodedLength = SigningTranscripts.DigestLength + RvoleResponse.EncodedLength + SigningTranscripts.DigestLength
        + (4 * Point.EncodedLength) + HashCommitment.SaltLength + Scalar.EncodedLength;

    public required byte[] SigningSessionDigest { get; init; }

    public required RvoleResponse Response { get; init; }

    public required byte[] EchoDigest { get; init; }

    public required Point PublicKeyShare { get; init; }

    public required Point Nonce { get; init; }

    public required byte[] NonceSalt { get; init; }

    public required Point GammaU { get; init; }

    public required Point GammaV { get; init; }

    public required Scalar Psi { get; init; }

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength).WriteFixed(SigningSessionDigest);
        Response.Write(writer);
        writer.WriteFixed(EchoDigest).WritePoint(PublicKeyShare).WritePoint(Nonce).WriteFixed(NonceSalt)
            .WritePoint(GammaU).WritePoint(GammaV).WriteScalar(Psi);
        return writer.ToArray();
    }

    public static MultiplicationResponseMessage Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        var message = new MultiplicationResponseMessage
        {
            SigningSessionDigest = reader.ReadFixed(SigningTranscripts.DigestLength).ToArray(),
            Response = RvoleResponse.Read(ref reader),
            EchoDigest = reader.ReadFixed(SigningTranscripts.DigestLength).ToArray(),
            PublicKeyShare = reader.ReadPoint(),
            Nonce = reader.ReadPoint(),
            NonceSalt = reader.ReadFixed(HashCommitment.SaltLength).ToArray(),
            GammaU = reader.ReadPoint(),
            GammaV = reader.ReadPoint(),
            Psi = reader.ReadScalar(),
        };
        reader.EnsureEnd();
        return message;
    }
}
