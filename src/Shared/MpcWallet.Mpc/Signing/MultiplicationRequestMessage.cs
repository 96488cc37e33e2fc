using MpcWallet.Mpc.Multiplication;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Signing;

/// <summary>
/// S2 (direct, sender acts as RVOLE Bob toward the recipient as Alice): the agreed signing session digest, then the
/// RVOLE request (the OT-extension message for Bob's secret choice bits). 24,624 bytes.
/// </summary>
internal sealed class MultiplicationRequestMessage
{
    public const int EncodedLength = SigningTranscripts.DigestLength + RvoleRequest.EncodedLength;

    public MultiplicationRequestMessage(byte[] signingSessionDigest, RvoleRequest request)
    {
        SigningSessionDigest = signingSessionDigest;
        Request = request;
    }

    public byte[] SigningSessionDigest { get; }

    public RvoleRequest Request { get; }

    public byte[] Encode()
    {
        var writer = new WireWriter(EncodedLength).WriteFixed(SigningSessionDigest);
        Request.Write(writer);
        return writer.ToArray();
    }

    public static MultiplicationRequestMessage Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        var digest = reader.ReadFixed(SigningTranscripts.DigestLength).ToArray();
        var request = RvoleRequest.Read(ref reader);
        reader.EnsureEnd();
        return new MultiplicationRequestMessage(digest, request);
    }
}
