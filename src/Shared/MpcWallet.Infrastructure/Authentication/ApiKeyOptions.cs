namespace MpcWallet.Infrastructure.Authentication;

/// <summary>The <c>Auth</c> section: API keys, each belonging to one tenant.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}
