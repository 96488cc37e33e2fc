using MpcWallet.Mpc.Commitments;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Keygen;

/// <summary>
/// K1 (broadcast): the sender's 32-byte contribution to the DKG session digest and its hash commitment to its
/// Feldman coefficient commitment F_i. 64 bytes.
/// </summary>
internal sealed class DkgCommitMessage
{
    public const int ContributionLength = 32;
    public const int EncodedLength = ContributionLength + HashCommitment.Length;

    public DkgCommitMessage(byte[] sessionContribution, byte[] commitment)
    {
        if (sessionContribution.Length != ContributionLength || commitment.Length != HashCommitment.Length)
        {
            throw new ArgumentException("wrong K1 field lengths");
        }

        SessionContribution = sessionContribution;
        Commitment = commitment;
    }

    public byte[] SessionContribution { get; }

    public byte[] Commitment { get; }

    public byte[] Encode() => new WireWriter(EncodedLength).WriteFixed(SessionContribution).WriteFixed(Commitment).ToArray();

    public static DkgCommitMessage Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new WireReader(encoded);
        var contribution = reader.ReadFixed(ContributionLength).ToArray();
        var commitment = reader.ReadFixed(HashCommitment.Length).ToArray();
        reader.EnsureEnd();
        return new DkgCommitMessage(contribution, commitment);
    }
}
