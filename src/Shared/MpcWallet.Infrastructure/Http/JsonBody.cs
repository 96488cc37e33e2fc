using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// Reads a JSON request body strictly, answering every defect with a problem instead of an exception: a content type
/// that is not JSON (400), a body over <see cref="MaxBytes"/> whether declared, chunked or neither (413, counted as it
/// is read), a body the server could not read (shorter than its Content-Length, too slow: Kestrel's status, 400 or
/// 408), malformed JSON, nesting deeper than <see cref="MaxDepth"/>, a root that is not an object, a string or
/// member name that is not valid UTF-8 text (read by the endpoint or not), and a member name given twice in any
/// object at any depth (400: what a viewer of the JSON shows must be what is processed and signed, never "the last
/// one wins").
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,

        // A number is a JSON number: "2" is not a threshold (the web defaults would read numbers from strings).
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        MaxDepth = MaxDepth,
    };

    /// <summary>The body's root object (detached from the request), or the problem to answer.</summary>
    public static async Task<(JsonElement? Root, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (ContentTypeProblem(request.ContentType) is { } wrongType)
        {
            return (null, Problems.Validation("Content-Type", wrongType));
        }

        if (request.ContentLength is > MaxBytes)
        {
            return (null, Problems.TooLarge($"the body exceeds {MaxBytes} bytes"));
        }

        byte[]? bytes;
        try
        {
            bytes = await ReadAtMostAsync(request.Body, MaxBytes, cancellationToken);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's verdict on the body (ended before its Content-Length, arrived too slowly, over its own limit).
            return (null, Problems.Status(e.StatusCode, "The request body could not be read.", e.Message));
        }

        if (bytes is null)
        {
            return (null, Problems.TooLarge($"the body exceeds {MaxBytes} bytes"));
        }

        if (bytes.Length == 0)
        {
            return (null, Problems.Validation("body", "the body is empty; send a JSON object"));
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.Validation("body", "the body must be a JSON object"));
            }

            return AllTextDecodes(document.RootElement)
                ? (document.RootElement.Clone(), null)
                : (null, Problems.Validation("body", "the body holds a string or member name that is not valid UTF-8 text (invalid bytes or a lone surrogate escape)"));
        }
        catch (JsonException e)
        {
            return (null, Problems.Validation("body", "the body is not valid JSON: " + e.Message));
        }
    }

    /// <summary>The body read into <typeparamref name="T"/> (unknown members skipped; a member of the wrong type, a number as a string included, is a 400 naming it).</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var (root, problem) = await ReadObjectAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return root!.Value.Deserialize<T>(Options) is { } value ? (value, null) : (null, Problems.Validation("body", "the body must be a JSON object"));
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, Problems.Validation(field, $"{field} has the wrong type or is out of range"));
        }
    }

    /// <summary>
    /// Every member name and string decodes to text. JsonDocument checks a string's bytes only when it is read, so a
    /// member no endpoint reads could otherwise carry invalid UTF-8 or a lone surrogate into what is stored or shown.
    /// </summary>
    private static bool AllTextDecodes(JsonElement element)
    {
        try
        {
            Decode(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static void Decode(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var member in element.EnumerateObject())
                    {
                        _ = member.Name;
                        Decode(member.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Decode(item);
                    }

                    break;
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
            }
        }
    }

    private static string? ContentTypeProblem(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var type)
            || !(type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return "the body must be application/json";
        }

        return type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            ? "the body must be UTF-8 (charset=utf-8)"
            : null;
    }

    /// <summary>The whole body, or null as soon as it exceeds <paramref name="limit"/> (a chunked body declares no length).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (content.Length + read > limit)
                {
                    return null;
                }

                content.Write(buffer, 0, read);
            }

            return content.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
