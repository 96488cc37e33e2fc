namespace MpcWallet.Infrastructure.Authentication;

public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
}
