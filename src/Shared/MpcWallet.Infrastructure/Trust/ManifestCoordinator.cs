namespace MpcWallet.Infrastructure.Trust;

/// <summary>A coordinator instance as the verified manifest lists it: the keys its commands are checked against.</summary>
public sealed record ManifestCoordinator(string Id, byte[] SigningKey, byte[] EncryptionKey, string? TlsCertificateSha256);
