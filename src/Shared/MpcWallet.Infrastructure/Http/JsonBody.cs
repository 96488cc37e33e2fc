using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// Reads a JSON request body strictly, answering every defect with a problem instead of an exception: a content type
/// that is not JSON (400), a body over <see cref="MaxBytes"/> whether declared, chunked or neither (413, counted as it
/// is read), a body the server could not read (shorter than its Content-Length, too slow: Kestrel's status, 400 or
/// 408), malformed JSON, a string or member name anywhere that is not text (invalid UTF-8, a lone surrogate escape;
/// read by the endpoint or not), nesting deeper than <see cref="MaxDepth"/>, a root that is not an object, and a member
/// name given twice in any object at any depth (400: what a viewer of the JSON shows must be what is processed and
/// signed, never "the last one wins").
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
        var (bytes, problem) = await ReadBytesAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (bytes!.Length == 0)
        {
            return (null, Problems.Validation("body", "the body is empty; send a JSON object"));
        }

        if (!TryParse(bytes, out var root, out var syntaxError))
        {
            return (null, Problems.Validation("body", "the body is not valid JSON: " + syntaxError));
        }

        return root.ValueKind == JsonValueKind.Object
            ? (root, null)
            : (null, Problems.Validation("body", "the body must be a JSON object"));
    }

    /// <summary>
    /// The raw body, or the problem to answer for what is wrong before any JSON is read: a content type that is not
    /// JSON (400), a body over <see cref="MaxBytes"/> (413), a body the server could not read (Kestrel's status).
    /// For protocols that answer syntax errors themselves (JSON-RPC's -32700); read it with <see cref="TryParse"/>.
    /// </summary>
    public static async Task<(byte[]? Bytes, IResult? Problem)> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
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

        return bytes is null ? (null, Problems.TooLarge($"the body exceeds {MaxBytes} bytes")) : (bytes, null);
    }

    /// <summary>
    /// Parses JSON as strictly as every body: <see cref="MaxDepth"/>, no member name twice in any object, and no
    /// string or member name with an escape that is not valid UTF-16 (a lone surrogate such as <c>"\ud800"</c>,
    /// which the parser accepts but cannot turn into text later); the root is detached.
    /// </summary>
    public static bool TryParse(byte[] bytes, out JsonElement root, [NotNullWhen(false)] out string? error)
    {
        root = default;
        try
        {
            using var document = JsonDocument.Parse(bytes, DocumentOptions);
            error = UndecodableText(document.RootElement);
            if (error is null)
            {
                root = document.RootElement.Clone();
            }
        }
        catch (JsonException e)
        {
            error = e.Message;
        }
        catch (InvalidOperationException e)
        {
            // The duplicate-name check decodes every member name, and throws this (not JsonException) for a name
            // with a lone surrogate escape: without this catch such a body was a 500 on every endpoint.
            error = e.Message;
        }

        return error is null;
    }

    private static string? UndecodableText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return null;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(UndecodableText).FirstOrDefault(e => e is not null);
                case JsonValueKind.Object:
                    foreach (var member in element.EnumerateObject())
                    {
                        _ = member.Name;
                        if (UndecodableText(member.Value) is { } inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
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
