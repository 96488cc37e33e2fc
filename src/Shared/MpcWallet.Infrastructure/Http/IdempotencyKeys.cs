using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// <c>Idempotency-Key</c> on every POST that creates something: the first request with a key creates the resource and
/// records key → resource in the same transaction; a repeat with the same request gets the original resource, with a
/// different request a 409. A key is 1–200 printable ASCII characters (spaces allowed), sent once.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    private static readonly JsonSerializerOptions FingerprintOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The key (null when none was sent), or a 400 problem for a malformed or repeated header.</summary>
    public static (string? Key, IResult? Problem) Read(HttpRequest request)
    {
        var values = request.Headers[Header];
        if (values.Count == 0 || (values.Count == 1 && string.IsNullOrEmpty(values[0])))
        {
            return (null, null);
        }

        if (values.Count > 1)
        {
            return (null, Problems.Validation(Header, "send one Idempotency-Key header"));
        }

        var key = values[0]!;
        return key.Length > MaxLength || !key.All(c => c is >= ' ' and < '\u007f')
            ? (null, Problems.Validation(Header, $"the Idempotency-Key must be 1 to {MaxLength} printable ASCII characters"))
            : (key, null);
    }

    /// <summary>The resource an earlier request with this key created, and whether its request was the same.</summary>
    public static async Task<(IdempotencyMatch Match, string? ResourceId)> FindAsync(IIdempotencyContext context, string tenant, string operation, string key, string requestHash, CancellationToken cancellationToken)
    {
        var existing = await context.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Tenant == tenant && k.Operation == operation && k.Key == key, cancellationToken);
        return existing is null ? (IdempotencyMatch.None, null)
            : existing.RequestHash == requestHash ? (IdempotencyMatch.Same, existing.ResourceId)
            : (IdempotencyMatch.Different, null);
    }

    /// <summary>Records the key with the resource it created; commits with the context's other changes.</summary>
    public static void Add(IIdempotencyContext context, string tenant, string operation, string key, string requestHash, string resourceId, DateTimeOffset at) =>
        context.IdempotencyKeys.Add(new IdempotencyRecord { Tenant = tenant, Operation = operation, Key = key, RequestHash = requestHash, ResourceId = resourceId, CreatedAt = at });

    public static IResult ConflictProblem() => Problems.Conflict("this Idempotency-Key was already used with a different request body");

    /// <summary>SHA-256 of a canonical serialisation of the parsed request (formatting and member order do not matter).</summary>
    public static string Fingerprint<T>(T request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, FingerprintOptions)));
}
