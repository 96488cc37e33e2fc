namespace MpcWallet.Infrastructure.Authentication;

/// <summary>Who presented a known API key: its tenant and its roles.</summary>
public sealed record ApiKeyHolder(string Tenant, IReadOnlyList<string> Roles);
