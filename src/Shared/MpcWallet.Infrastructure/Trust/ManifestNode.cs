using MpcWallet.Mpc.Channel;

namespace MpcWallet.Infrastructure.Trust;

/// <summary>A node as the verified manifest lists it: the only source of its channel identity for every other process.</summary>
public sealed record ManifestNode(string Id, NodeIdentityPublic Identity, string? TlsCertificateSha256);
