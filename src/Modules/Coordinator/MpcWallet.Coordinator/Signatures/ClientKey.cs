namespace MpcWallet.Coordinator.Signatures;

/// <summary>The <c>Idempotency-Key</c> a REST client sent, and the fingerprint of the request it came with.</summary>
internal sealed record ClientKey(string Key, string Fingerprint);
