using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Api;

/// <summary>
/// <c>Idempotency-Key</c>: the first request with a key creates the resource and records key → resource in the same
/// transaction; a repeat with the same body gets the original resource, with a different body a 409.
/// </summary>
internal static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    public static (string? Key, IResult? Problem) Read(HttpRequest request)
    {
        var key = request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return (null, null);
        }

        return key.Length > MaxLength || key.Any(char.IsControl)
            ? (null, Problems.Validation(Header, $"the Idempotency-Key must be at most {MaxLength} printable characters"))
            : (key, null);
    }

    /// <summary>The resource id an earlier request with this key created; a conflict when its body differed.</summary>
    public static async Task<(string? ResourceId, IResult? Problem)> FindAsync(CoordinatorDbContext context, string tenant, string operation, string key, string requestHash, CancellationToken cancellationToken)
    {
        var existing = await context.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Tenant == tenant && k.Operation == operation && k.Key == key, cancellationToken);
        if (existing is null)
        {
            return (null, null);
        }

        return existing.RequestHash == requestHash
            ? (existing.ResourceId, null)
            : (null, Problems.Conflict("this Idempotency-Key was already used with a different request body"));
    }
}
