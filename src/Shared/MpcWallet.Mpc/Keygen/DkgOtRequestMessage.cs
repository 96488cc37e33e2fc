using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Keygen;

/// <summary>
/// K2a (direct i → j): the DKG session digest, then the base-OT receiver message of the pair in which i is the base-OT
/// receiver (and later the OT-extension sender toward j).
/// </summary>
internal sealed class DkgOtRequestMessage
{
    public const int EncodedLength = DkgSessionDigest.Length + BaseOtReceiverMessage.EncodedLength;

    public DkgOtRequestMessage(byte[] sessionDigest, BaseOtReceiverMessage request)
    {
        SessionDigest = sessionDigest;
        Request = request;
    }

    public byte[] SessionDigest { get; }

    public BaseOtReceiverMessage Request { get; }

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength).WriteFixed(SessionDigest);
        Request.Write(writer);
        return writer.ToArray();
    }

    public static DkgOtRequestMessage Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new WireReader(encoded);
        var digest = reader.ReadFixed(DkgSessionDigest.Length).ToArray();
        var request = BaseOtReceiverMessage.Read(ref reader);
        reader.EnsureEnd();
        return new DkgOtRequestMessage(digest, request);
    }
}
