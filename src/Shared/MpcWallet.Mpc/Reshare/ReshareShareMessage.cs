using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Reshare;

/// <summary>
/// R3 (direct i → new holder j; secret, relies on the channel layer's encryption): session digest ‖ [i deals: sub-share
/// f_i(j′) at j's new index, 32] ‖ [i is a new holder: base-OT sender reply for the pair (j′ → i′) ‖ [i′ &lt; j′: the
/// pair's zero-share seed, 32]] ‖ u32 count ‖ echo of the aggregated dealer commitment ΣF (count × 33). Which optional
/// parts are present follows from the sender's and recipient's roles in the roster, never from the bytes.
/// </summary>
internal sealed class ReshareShareMessage
{
    public ReshareShareMessage(byte[] sessionDigest, Scalar? subShare, BaseOtSenderMessage? otReply, byte[]? zeroShareSeed, IReadOnlyList<Point> echo)
    {
        if (zeroShareSeed is not null && otReply is null)
        {
            throw new ArgumentException("a zero-share seed travels only with a base-OT reply");
        }

        SessionDigest = sessionDigest;
        SubShare = subShare;
        OtReply = otReply;
        ZeroShareSeed = zeroShareSeed;
        Echo = echo;
    }

    public byte[] SessionDigest { get; }

    public Scalar? SubShare { get; }

    public BaseOtSenderMessage? OtReply { get; }

    public byte[]? ZeroShareSeed { get; }

    public IReadOnlyList<Point> Echo { get; }

    public static int EncodedLength(int threshold, bool withSubShare, bool withOtReply, bool withZeroShareSeed) =>
        DkgSessionDigest.Length + (withSubShare ? Scalar.EncodedLength : 0) + (withOtReply ? BaseOtSenderMessage.EncodedLength : 0)
        + (withZeroShareSeed ? DkgShareMessage.ZeroShareSeedLength : 0) + 4 + (threshold * Point.EncodedLength);

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength(Echo.Count, SubShare is not null, OtReply is not null, ZeroShareSeed is not null));
        writer.WriteFixed(SessionDigest);
        if (SubShare is { } subShare)
        {
            writer.WriteScalar(subShare);
        }

        if (OtReply is not null)
        {
            OtReply.Write(writer);
            if (ZeroShareSeed is not null)
            {
                writer.WriteFixed(ZeroShareSeed);
            }
        }

        writer.WriteUInt32((uint)Echo.Count);
        foreach (var point in Echo)
        {
            writer.WritePoint(point);
        }

        return writer.ToArrayAndClear();
    }

    public static ReshareShareMessage Decode(ReadOnlySpan<byte> encoded, bool withSubShare, bool withOtReply, bool withZeroShareSeed)
    {
        var reader = new WireReader(encoded);
        var digest = reader.ReadFixed(DkgSessionDigest.Length).ToArray();
        Scalar? subShare = withSubShare ? reader.ReadScalar() : null;
        BaseOtSenderMessage? reply = null;
        byte[]? zeroShareSeed = null;
        if (withOtReply)
        {
            reply = BaseOtSenderMessage.Read(ref reader);
            zeroShareSeed = withZeroShareSeed ? reader.ReadFixed(DkgShareMessage.ZeroShareSeedLength).ToArray() : null;
        }

        var echo = new Point[reader.ReadCount(1, KeyShare.MaxParties, "commitment echo")];
        for (var k = 0; k < echo.Length; k++)
        {
            echo[k] = reader.ReadPoint();
        }

        reader.EnsureEnd();
        return new ReshareShareMessage(digest, subShare, reply, zeroShareSeed, echo);
    }
}
