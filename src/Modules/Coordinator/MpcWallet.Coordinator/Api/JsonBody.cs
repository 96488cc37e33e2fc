using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MpcWallet.Coordinator.Api;

/// <summary>Reads a JSON body strictly: malformed JSON or wrong member types are a 400 problem, never an exception.</summary>
internal static class JsonBody
{
    private const int MaxBytes = 256 * 1024;
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength is > MaxBytes)
        {
            return (null, Problems.Validation("body", $"the body exceeds {MaxBytes} bytes"));
        }

        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !type.Contains("+json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Validation("body", "the body must be application/json"));
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, Problems.Validation("body", "the body is not valid JSON"));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.Validation("body", "the body must be a JSON object"));
            }

            try
            {
                return (document.RootElement.Deserialize<T>(Options), null);
            }
            catch (JsonException e)
            {
                var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
                return (null, Problems.Validation(field, $"{field} has the wrong type"));
            }
        }
    }

    /// <summary>A canonical form of the parsed request, for Idempotency-Key comparisons.</summary>
    public static string Fingerprint<T>(T value) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(value, Options)));
}
