using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Mpc.Channel;

/// <summary>Where a <see cref="ChannelProtector"/> gets the key of one direction of a direct message.</summary>
internal interface IDirectionKeys : IDisposable
{
    /// <summary>Writes the 32-byte key of <paramref name="sender"/> → <paramref name="recipient"/> in the session.</summary>
    void Derive(SessionId sessionId, int sender, int recipient, Span<byte> key);
}
