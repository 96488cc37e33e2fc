using MpcWallet.Mpc.Commitments;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Reshare;

/// <summary>
/// R1 (broadcast, every participant): the sender's 32-byte contribution to the session digest; a dealer adds its hash
/// commitment to its Feldman commitment F_i and its description of the key being reshared.
/// 32 bytes, or 64 + 103 + 33·n for a dealer.
/// </summary>
internal sealed class ReshareCommitMessage
{
    public ReshareCommitMessage(byte[] sessionContribution, byte[]? commitment, ResharedKey? key)
    {
        if (sessionContribution.Length != DkgCommitMessage.ContributionLength || (commitment is null) != (key is null)
            || (commitment is not null && commitment.Length != HashCommitment.Length))
        {
            throw new ArgumentException("wrong R1 fields");
        }

        SessionContribution = sessionContribution;
        Commitment = commitment;
        Key = key;
    }

    public byte[] SessionContribution { get; }

    /// <summary>Dealers only: HashCommitment(sid, sender, "reshare/coefficients", u32 t′ ‖ F_i, salt).</summary>
    public byte[]? Commitment { get; }

    /// <summary>Dealers only.</summary>
    public ResharedKey? Key { get; }

    public byte[] Encode()
    {
        var writer = new WireWriter(DkgCommitMessage.EncodedLength + (Key is null ? 0 : ResharedKey.EncodedLength(Key.PartyCount)));
        writer.WriteFixed(SessionContribution);
        if (Commitment is not null)
        {
            writer.WriteFixed(Commitment);
            Key!.Write(writer);
        }

        return writer.ToArray();
    }

    public static ReshareCommitMessage Decode(ReadOnlySpan<byte> encoded, bool fromDealer)
    {
        var reader = new WireReader(encoded);
        var contribution = reader.ReadFixed(DkgCommitMessage.ContributionLength).ToArray();
        byte[]? commitment = null;
        ResharedKey? key = null;
        if (fromDealer)
        {
            commitment = reader.ReadFixed(HashCommitment.Length).ToArray();
            key = ResharedKey.Read(ref reader);
        }

        reader.EnsureEnd();
        return new ReshareCommitMessage(contribution, commitment, key);
    }
}
