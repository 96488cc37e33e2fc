using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// A protected <see cref="ProtocolMessage"/> as the broker carries it: plain envelope fields for routing plus the
/// sealed bytes. The envelope is NOT trusted: <see cref="ChannelProtector.Open(SealedProtocolMessage, SessionId)"/>
/// compares it with the authenticated header inside <see cref="Bytes"/>.
/// </summary>
public sealed record SealedProtocolMessage(SessionId SessionId, int Round, int From, int? To, byte[] Bytes)
{
    public bool IsBroadcast => To is null;

    /// <summary>
    /// Reads the (unauthenticated) envelope out of sealed bytes, for transports that carry only the bytes. Malformed
    /// input throws <see cref="ChannelAuthenticationException"/> with <see cref="ChannelRejection.Malformed"/>.
    /// </summary>
    public static SealedProtocolMessage FromBytes(ReadOnlySpan<byte> bytes)
    {
        var frame = ChannelProtector.DecodeFrame(bytes);
        return new SealedProtocolMessage(frame.SessionId, frame.Round, frame.From, frame.To, bytes.ToArray());
    }
}
