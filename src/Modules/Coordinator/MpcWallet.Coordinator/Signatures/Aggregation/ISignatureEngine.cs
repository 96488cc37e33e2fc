namespace MpcWallet.Coordinator.Signatures.Aggregation;

/// <summary>The coordinator's view of the engine: public-key derivation and aggregation of partial signatures.</summary>
internal interface ISignatureEngine
{
    /// <summary>The compressed public key of the non-hardened BIP32 child at <paramref name="path"/> (the root for an empty path).</summary>
    byte[] DerivePublicKey(byte[] publicKey, byte[] chainCode, IReadOnlyList<uint> path);

    /// <summary>Combines the signers' partials; throws <see cref="SignatureAggregationException"/> on any failure.</summary>
    FinalSignature Combine(IReadOnlyList<byte[]> partials, byte[] publicKey, byte[] digest);
}
