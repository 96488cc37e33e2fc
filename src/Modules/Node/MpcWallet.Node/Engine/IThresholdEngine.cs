using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;

namespace MpcWallet.Node.Engine;

/// <summary>The node's view of the threshold-ECDSA engine: the parties it drives and how their outputs are encoded.</summary>
internal interface IThresholdEngine
{
    IProtocolParty<KeyShare> KeyGeneration(SessionId sessionId, int self, int threshold, int partyCount);

    /// <summary>A proactive refresh of <paramref name="current"/> among all its parties (output: generation + 1, same key).</summary>
    IProtocolParty<KeyShare> Refresh(SessionId sessionId, KeyShare current);

    IProtocolParty<object> Signing(SessionId sessionId, KeyShare share, IReadOnlyList<int> signers, ReadOnlySpan<byte> digest, IReadOnlyList<uint> derivationPath);

    /// <summary>The wire form of a signing party's output, as the coordinator's aggregator decodes it.</summary>
    byte[] EncodePartialSignature(object output);
}
