namespace MpcWallet.Node.Channel;

/// <summary>Creates (or loads) a node's channel identity; <paramref name="sealedIdentity"/> persists it sealed at rest.</summary>
internal interface IRoundChannelFactory
{
    IRoundChannel Load(string nodeId, byte[]? sealedIdentity, Func<byte[], byte[]> seal, Func<byte[], byte[]> open, out byte[] sealedToStore);
}
