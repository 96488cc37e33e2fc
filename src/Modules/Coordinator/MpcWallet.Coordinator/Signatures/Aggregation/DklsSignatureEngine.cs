using MpcWallet.Mpc;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Derivation;
using MpcWallet.Mpc.Signing;

namespace MpcWallet.Coordinator.Signatures.Aggregation;

/// <summary>Aggregation and derivation by the DKLs23 engine (the aggregator verifies before returning).</summary>
internal sealed class DklsSignatureEngine : ISignatureEngine
{
    public byte[] DerivePublicKey(byte[] publicKey, byte[] chainCode, IReadOnlyList<uint> path) =>
        path.Count == 0 ? publicKey : KeyDerivation.DeriveChild(Point.Decode(publicKey), chainCode, path).PublicKey.Encode();

    public FinalSignature Combine(IReadOnlyList<byte[]> partials, byte[] publicKey, byte[] digest)
    {
        try
        {
            var decoded = partials.Select(p => PartialSignature.Decode(p)).ToArray();
            var signature = SignatureAggregator.Combine(decoded, Point.Decode(publicKey), digest);
            return new FinalSignature(signature.R.ToArray(), signature.S.ToArray(), signature.RecoveryId);
        }
        catch (Exception e) when (e is MpcDecodeException or ProtocolAbortException or ArgumentException)
        {
            throw new SignatureAggregationException("the partial signatures do not combine: " + e.Message, e);
        }
    }
}
