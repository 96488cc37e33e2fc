using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// OpenAPI documentation of the conventions an endpoint reads itself (headers, paging) and of the statuses every
/// endpoint of its kind can answer, so the document lists all of them.
/// </summary>
public static class ApiDocumentation
{
    /// <summary>An authenticated endpoint: 401 without a known API key; 414 and 431 for an oversized target or headers.</summary>
    public static RouteHandlerBuilder ProducesCommonProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status414UriTooLong)
        .ProducesProblem(StatusCodes.Status431RequestHeaderFieldsTooLarge);

    /// <summary>A POST with a JSON body: 400 (bad JSON, content type, fields), 408 (body too slow), 413 (body too large).</summary>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder) => builder
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status408RequestTimeout)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>Documents the optional <c>Idempotency-Key</c> header.</summary>
    public static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            Add(operation, new OpenApiParameter
            {
                Name = IdempotencyKeys.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "The same key with the same body returns the original resource; with a different body, 409. 1–200 printable ASCII characters.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeys.MaxLength },
            });
            return Task.CompletedTask;
        });

    /// <summary>Documents the optional <c>Prefer: wait=N</c> header (RFC 7240).</summary>
    public static RouteHandlerBuilder WithPreferWait(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            Add(operation, new OpenApiParameter
            {
                Name = PreferWait.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = $"wait=N (RFC 7240): answer with the final state (201/200) if it is reached within N seconds (at most {PreferWait.MaxSeconds}), else 202.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^wait=[0-9]+$" },
            });
            return Task.CompletedTask;
        });

    /// <summary>Documents the <c>limit</c> and <c>cursor</c> query parameters of a list (read by <see cref="PageQuery"/>).</summary>
    public static RouteHandlerBuilder WithPageQuery(this RouteHandlerBuilder builder, int maxLimit) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            Add(operation, new OpenApiParameter
            {
                Name = "limit",
                In = ParameterLocation.Query,
                Required = false,
                Description = $"Page size, 1–{maxLimit} (default {PageQuery.DefaultLimit}).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = maxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            });
            Add(operation, new OpenApiParameter
            {
                Name = "cursor",
                In = ParameterLocation.Query,
                Required = false,
                Description = "nextCursor of the previous page.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });

    private static void Add(OpenApiOperation operation, OpenApiParameter parameter)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(parameter);
    }
}
