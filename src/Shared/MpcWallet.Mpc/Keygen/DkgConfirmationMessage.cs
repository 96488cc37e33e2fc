using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Proofs;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Keygen;

/// <summary>
/// K4 (broadcast): session digest ‖ Y (33) ‖ S_i = s_i·G (33) ‖ proof of knowledge of s_i bound to the session
/// digest, i and the root chain code (65) ‖ one zero-seed confirmation digest per other party in index order
/// ((n − 1) × 32). 163 + 32·(n − 1) bytes.
/// </summary>
internal sealed class DkgConfirmationMessage
{
    public const int ConfirmationLength = 32;

    public DkgConfirmationMessage(byte[] sessionDigest, Point publicKey, Point publicShare, SchnorrProof proof, IReadOnlyList<byte[]> zeroSeedConfirmations)
    {
        SessionDigest = sessionDigest;
        PublicKey = publicKey;
        PublicShare = publicShare;
        Proof = proof;
        ZeroSeedConfirmations = zeroSeedConfirmations;
    }

    public byte[] SessionDigest { get; }

    public Point PublicKey { get; }

    public Point PublicShare { get; }

    public SchnorrProof Proof { get; }

    /// <summary>Entry m is about the m-th other party (ascending index, sender excluded).</summary>
    public IReadOnlyList<byte[]> ZeroSeedConfirmations { get; }

    public static int EncodedLength(int partyCount) =>
        DkgSessionDigest.Length + (2 * Point.EncodedLength) + SchnorrProof.EncodedLength + ((partyCount - 1) * ConfirmationLength);

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength(ZeroSeedConfirmations.Count + 1)).WriteFixed(SessionDigest).WritePoint(PublicKey).WritePoint(PublicShare);
        Proof.Write(writer);
        foreach (var confirmation in ZeroSeedConfirmations)
        {
            writer.WriteFixed(confirmation);
        }

        return writer.ToArray();
    }

    public static DkgConfirmationMessage Decode(ReadOnlySpan<byte> encoded, int partyCount)
    {
        var reader = new WireReader(encoded);
        var digest = reader.ReadFixed(DkgSessionDigest.Length).ToArray();
        var publicKey = reader.ReadPoint();
        var publicShare = reader.ReadPoint();
        var proof = SchnorrProof.Read(ref reader);
        var confirmations = new byte[partyCount - 1][];
        for (var m = 0; m < confirmations.Length; m++)
        {
            confirmations[m] = reader.ReadFixed(ConfirmationLength).ToArray();
        }

        reader.EnsureEnd();
        return new DkgConfirmationMessage(digest, publicKey, publicShare, proof, confirmations);
    }
}
