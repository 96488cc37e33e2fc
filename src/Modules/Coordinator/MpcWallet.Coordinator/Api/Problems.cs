using Microsoft.AspNetCore.Http;

namespace MpcWallet.Coordinator.Api;

/// <summary>RFC 7807 answers used by the endpoints.</summary>
internal static class Problems
{
    public static IResult Validation(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: "The request is invalid.");

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: string.Join(" ", errors.SelectMany(e => e.Value)), title: "The request is invalid.");

    public static IResult NotFound(string what) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"{what} does not exist.");

    public static IResult Conflict(string detail) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: detail);
}
