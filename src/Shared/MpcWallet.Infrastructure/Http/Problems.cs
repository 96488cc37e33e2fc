using Microsoft.AspNetCore.Http;

namespace MpcWallet.Infrastructure.Http;

/// <summary>RFC 7807 answers of every module's endpoints (<c>application/problem+json</c>: type, title, status, detail; errors per field).</summary>
public static class Problems
{
    public static IResult Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: string.Join(" ", errors.SelectMany(e => e.Value)), title: "The request is invalid.");

    public static IResult NotFound(string what) => Status(StatusCodes.Status404NotFound, "Not found.", $"{what} does not exist.");

    public static IResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, "Conflict.", detail);

    public static IResult TooLarge(string detail) => Status(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", detail);

    public static IResult Unavailable(string title, string detail) => Status(StatusCodes.Status503ServiceUnavailable, title, detail);

    public static IResult Unprocessable(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail, extensions: extensions);

    public static IResult Status(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail, type: TypeOf(status));

    // ASP.NET Core gives the RFC 9110 statuses a type URI; 431 is defined elsewhere (RFC 6585) and would get none.
    private static string? TypeOf(int status) => status == StatusCodes.Status431RequestHeaderFieldsTooLarge ? "https://www.rfc-editor.org/rfc/rfc6585#section-5" : null;
}
