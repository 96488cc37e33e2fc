namespace MpcWallet.Coordinator.Signatures.Aggregation;

/// <summary>An aggregated ECDSA signature: r and s (32 bytes each, low-s) and the recovery id (0/1).</summary>
internal sealed record FinalSignature(byte[] R, byte[] S, int RecoveryId);
