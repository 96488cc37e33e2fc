using MpcWallet.Mpc.Commitments;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Keygen;

/// <summary>
/// K3 (direct i → j; secret, relies on the channel layer's encryption): session digest ‖ Shamir share f_i(j) (32) ‖
/// base-OT sender reply for pair (j → i) ‖ [if i &lt; j: the pair's zero-share seed, 32] ‖ [key generation only:
/// chain-code contribution and its salt, 32 + 32] ‖ u32 count ‖ echo of the aggregated commitment ΣF (count × 33).
/// </summary>
internal sealed class DkgShareMessage
{
    public const int ZeroShareSeedLength = 32;
    public const int ChainCodeLength = 32;

    public DkgShareMessage(byte[] sessionDigest, Scalar share, BaseOtSenderMessage otReply, byte[]? zeroShareSeed, byte[]? chainCodeContribution, byte[]? chainCodeSalt, IReadOnlyList<Point> echo)
    {
        SessionDigest = sessionDigest;
        Share = share;
        OtReply = otReply;
        ZeroShareSeed = zeroShareSeed;
        ChainCodeContribution = chainCodeContribution;
        ChainCodeSalt = chainCodeSalt;
        Echo = echo;
    }

    public byte[] SessionDigest { get; }

    public Scalar Share { get; }

    public BaseOtSenderMessage OtReply { get; }

    public byte[]? ZeroShareSeed { get; }

    public byte[]? ChainCodeContribution { get; }

    public byte[]? ChainCodeSalt { get; }

    public IReadOnlyList<Point> Echo { get; }

    public static int EncodedLength(int threshold, bool withZeroShareSeed, bool withChainCode) =>
        DkgSessionDigest.Length + Scalar.EncodedLength + BaseOtSenderMessage.EncodedLength
        + (withZeroShareSeed ? ZeroShareSeedLength : 0) + (withChainCode ? ChainCodeLength + HashCommitment.SaltLength : 0)
        + 4 + (threshold * Point.EncodedLength);

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength(Echo.Count, ZeroShareSeed is not null, ChainCodeContribution is not null));
        writer.WriteFixed(SessionDigest).WriteScalar(Share);
        OtReply.Write(writer);
        if (ZeroShareSeed is not null)
        {
            writer.WriteFixed(ZeroShareSeed);
        }

        if (ChainCodeContribution is not null)
        {
            writer.WriteFixed(ChainCodeContribution).WriteFixed(ChainCodeSalt ?? throw new InvalidOperationException("chain-code salt missing"));
        }

        writer.WriteUInt32((uint)Echo.Count);
        foreach (var point in Echo)
        {
            writer.WritePoint(point);
        }

        return writer.ToArrayAndClear();
    }

    public static DkgShareMessage Decode(ReadOnlySpan<byte> encoded, bool withZeroShareSeed, bool withChainCode)
    {
        var reader = new WireReader(encoded);
        var digest = reader.ReadFixed(DkgSessionDigest.Length).ToArray();
        var share = reader.ReadScalar();
        var reply = BaseOtSenderMessage.Read(ref reader);
        var zeroShareSeed = withZeroShareSeed ? reader.ReadFixed(ZeroShareSeedLength).ToArray() : null;
        byte[]? chainCode = null, chainCodeSalt = null;
        if (withChainCode)
        {
            chainCode = reader.ReadFixed(ChainCodeLength).ToArray();
            chainCodeSalt = reader.ReadFixed(HashCommitment.SaltLength).ToArray();
        }

        var echo = new Point[reader.ReadCount(1, KeyShare.MaxParties, "commitment echo")];
        for (var k = 0; k < echo.Length; k++)
        {
            echo[k] = reader.ReadPoint();
        }

        reader.EnsureEnd();
        return new DkgShareMessage(digest, share, reply, zeroShareSeed, chainCode, chainCodeSalt, echo);
    }
}
