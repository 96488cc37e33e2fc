using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Node.Channel;

/// <summary>
/// One node's end of the authenticated, encrypted channel between nodes: seals an engine message for one peer and
/// opens a peer's sealed message. Opening fails with <see cref="RoundAuthenticationException"/> for anything not
/// sealed by that peer for this node.
/// </summary>
internal interface IRoundChannel
{
    /// <summary>This node's identity public key, as published in NodeControl.GetInfo.</summary>
    byte[] IdentityPublicKey { get; }

    byte[] Seal(ProtocolMessage message, byte[] recipientIdentity);

    ProtocolMessage Open(byte[] sealedMessage, byte[] senderIdentity);
}
