namespace MpcWallet.Infrastructure.Authentication;

/// <summary>
/// One configured key: <see cref="Key"/> in clear (development) or <see cref="KeyHash"/>, the hex SHA-256 of the
/// key (production settings). Never logged.
/// </summary>
public sealed class ApiKeyEntry
{
    public string Tenant { get; set; } = "";

    public string? Key { get; set; }

    public string? KeyHash { get; set; }

    /// <summary>What the key may do beyond its tenant's own resources (<see cref="ApiKeyRoles"/>); none by default.</summary>
    public List<string> Roles { get; set; } = [];

    public override string ToString() => $"api key of tenant {Tenant}";
}
