using System.Security.Claims;

namespace MpcWallet.Infrastructure.Authentication;

public static class TenantClaims
{
    public const string Tenant = "mpcwallet:tenant";

    public static string TenantOf(this ClaimsPrincipal user) =>
        user.FindFirst(Tenant)?.Value ?? throw new InvalidOperationException("request is not authenticated");
}
