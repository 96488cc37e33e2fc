using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Keygen;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using MpcWallet.Mpc.Refresh;
using MpcWallet.Mpc.Signing;

namespace MpcWallet.Node.Engine;

/// <summary>The DKLs23 engine of src/Shared/MpcWallet.Mpc, with the OS CSPRNG (nonces are sampled, never derived).</summary>
internal sealed class DklsEngine : IThresholdEngine
{
    public IProtocolParty<KeyShare> KeyGeneration(SessionId sessionId, int self, int threshold, int partyCount) =>
        new KeyGenerationParty(sessionId, self, threshold, partyCount, SystemRandomSource.Instance);

    public IProtocolParty<KeyShare> Refresh(SessionId sessionId, KeyShare current) =>
        new KeyRefreshParty(sessionId, current, SystemRandomSource.Instance);

    public IProtocolParty<object> Signing(SessionId sessionId, KeyShare share, IReadOnlyList<int> signers, ReadOnlySpan<byte> digest, IReadOnlyList<uint> derivationPath) =>
        new SigningParty(sessionId, share, signers, digest, derivationPath, SystemRandomSource.Instance);

    public byte[] EncodePartialSignature(object output) => ((PartialSignature)output).Encode();
}
