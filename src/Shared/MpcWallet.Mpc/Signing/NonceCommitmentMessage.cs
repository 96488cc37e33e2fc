using MpcWallet.Mpc.Commitments;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Signing;

/// <summary>
/// S1 (broadcast): the sender's contribution to the signing session id, its commitment to R_i = r_i·G, and the
/// identity (key id, generation) of the key share it signs with. 100 bytes.
/// </summary>
internal sealed class NonceCommitmentMessage
{
    public const int ContributionLength = 32;
    public const int EncodedLength = ContributionLength + HashCommitment.Length + 32 + 4;

    public NonceCommitmentMessage(byte[] sessionContribution, byte[] commitment, byte[] keyId, uint generation)
    {
        SessionContribution = sessionContribution;
        Commitment = commitment;
        KeyId = keyId;
        Generation = generation;
    }

    public byte[] SessionContribution { get; }

    public byte[] Commitment { get; }

    public byte[] KeyId { get; }

    public uint Generation { get; }

    public byte[] Encode() =>
        new WireWriter(EncodedLength).WriteFixed(SessionContribution).WriteFixed(Commitment).WriteFixed(KeyId).WriteUInt32(Generation).ToArray();

    public static NonceCommitmentMessage Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        var contribution = reader.ReadFixed(ContributionLength).ToArray();
        var commitment = reader.ReadFixed(HashCommitment.Length).ToArray();
        var keyId = reader.ReadFixed(32).ToArray();
        var generation = reader.ReadUInt32();
        reader.EnsureEnd();
        return new NonceCommitmentMessage(contribution, commitment, keyId, generation);
    }
}
