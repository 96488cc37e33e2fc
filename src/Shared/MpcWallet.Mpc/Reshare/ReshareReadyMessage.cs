using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Reshare;

/// <summary>
/// R2 (broadcast) of a participant that deals nothing: its session digest only, so that every dealer learns that every
/// new holder agrees on the session (roster, old key, everyone's R1) before it hands out sub-shares in R3. 32 bytes.
/// (A dealer's R2 broadcast is a <see cref="DkgCoefficientsMessage"/> without chain-code commitment.)
/// </summary>
internal sealed class ReshareReadyMessage(byte[] sessionDigest)
{
    public byte[] SessionDigest { get; } = sessionDigest;

    public byte[] Encode() => new WireWriter(DkgSessionDigest.Length).WriteFixed(SessionDigest).ToArray();

    public static ReshareReadyMessage Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new WireReader(encoded);
        var digest = reader.ReadFixed(DkgSessionDigest.Length).ToArray();
        reader.EnsureEnd();
        return new ReshareReadyMessage(digest);
    }
}
