namespace MpcWallet.Mpc.Protocol;

/// <summary>
/// One protocol message as it travels between parties. <see cref="To"/> is null for a broadcast. The envelope
/// fields are repeated inside the authenticated payload encoding, so a relay that rewrites them is detected.
/// </summary>
public sealed record ProtocolMessage(SessionId SessionId, int Round, int From, int? To, byte[] Payload)
{
    public bool IsBroadcast => To is null;
}
