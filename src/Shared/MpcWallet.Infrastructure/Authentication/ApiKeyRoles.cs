namespace MpcWallet.Infrastructure.Authentication;

/// <summary>
/// Roles an API key may carry (<c>Auth:ApiKeys:&lt;i&gt;:Roles</c>). <see cref="Admin"/> reads the operator views
/// (<c>/v1/admin/…</c>, the console at <c>/console</c>) across every tenant; it grants no write anywhere.
/// </summary>
public static class ApiKeyRoles
{
    public const string Admin = "admin";

    /// <summary>The authorization policy of the <c>/v1/admin</c> endpoints: an API key with the <see cref="Admin"/> role.</summary>
    public const string AdminPolicy = "mpcwallet-admin";

    public static readonly IReadOnlyList<string> Known = [Admin];
}
