using MpcWallet.Mpc.Commitments;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Proofs;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Keygen;

/// <summary>
/// K2b (broadcast): session digest ‖ u32 count ‖ F_i (count × 33) ‖ salt opening the K1 commitment ‖ u32 count ‖
/// proofs of knowledge of every coefficient (count × 65) ‖ [key generation only: commitment to the chain-code
/// contribution, 32]. The counts are on the wire so that a wrong count is a protocol violation the receiver checks
/// against t explicitly, never something a decoder or a zip silently truncates.
/// </summary>
internal sealed class DkgCoefficientsMessage
{
    public DkgCoefficientsMessage(byte[] sessionDigest, IReadOnlyList<Point> coefficientCommitments, byte[] salt, IReadOnlyList<SchnorrProof> proofs, byte[]? chainCodeCommitment)
    {
        SessionDigest = sessionDigest;
        CoefficientCommitments = coefficientCommitments;
        Salt = salt;
        Proofs = proofs;
        ChainCodeCommitment = chainCodeCommitment;
    }

    public byte[] SessionDigest { get; }

    public IReadOnlyList<Point> CoefficientCommitments { get; }

    public byte[] Salt { get; }

    public IReadOnlyList<SchnorrProof> Proofs { get; }

    public byte[]? ChainCodeCommitment { get; }

    public static int EncodedLength(int threshold, bool withChainCode) =>
        DkgSessionDigest.Length + 4 + (threshold * Point.EncodedLength) + HashCommitment.SaltLength + 4
        + (threshold * SchnorrProof.EncodedLength) + (withChainCode ? HashCommitment.Length : 0);

    /// <summary>The bytes the K1 commitment covers: u32 count ‖ the points.</summary>
    public static byte[] CommittedPayload(IReadOnlyList<Point> coefficientCommitments)
    {
        var writer = new WireWriter(4 + (coefficientCommitments.Count * Point.EncodedLength));
        WritePoints(writer, coefficientCommitments);
        return writer.ToArray();
    }

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength(CoefficientCommitments.Count, ChainCodeCommitment is not null));
        writer.WriteFixed(SessionDigest);
        WritePoints(writer, CoefficientCommitments);
        writer.WriteFixed(Salt).WriteUInt32((uint)Proofs.Count);
        foreach (var proof in Proofs)
        {
            proof.Write(writer);
        }

        if (ChainCodeCommitment is not null)
        {
            writer.WriteFixed(ChainCodeCommitment);
        }

        return writer.ToArray();
    }

    public static DkgCoefficientsMessage Decode(ReadOnlySpan<byte> encoded, bool withChainCode)
    {
        var reader = new WireReader(encoded);
        var digest = reader.ReadFixed(DkgSessionDigest.Length).ToArray();
        var points = new Point[reader.ReadCount(1, KeyShare.MaxParties, "coefficient commitments")];
        for (var k = 0; k < points.Length; k++)
        {
            points[k] = reader.ReadPoint();
        }

        var salt = reader.ReadFixed(HashCommitment.SaltLength).ToArray();
        var proofs = new SchnorrProof[reader.ReadCount(1, KeyShare.MaxParties, "coefficient proofs")];
        for (var k = 0; k < proofs.Length; k++)
        {
            proofs[k] = SchnorrProof.Read(ref reader);
        }

        var chainCodeCommitment = withChainCode ? reader.ReadFixed(HashCommitment.Length).ToArray() : null;
        reader.EnsureEnd();
        return new DkgCoefficientsMessage(digest, points, salt, proofs, chainCodeCommitment);
    }

    private static void WritePoints(WireWriter writer, IReadOnlyList<Point> points)
    {
        writer.WriteUInt32((uint)points.Count);
        foreach (var point in points)
        {
            writer.WritePoint(point);
        }
    }
}
