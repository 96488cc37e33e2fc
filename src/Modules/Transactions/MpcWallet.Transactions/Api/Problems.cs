using Microsoft.AspNetCore.Http;

namespace MpcWallet.Transactions.Api;

/// <summary>RFC 7807 answers of the transaction endpoints.</summary>
internal static class Problems
{
    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: string.Join(" ", errors.SelectMany(e => e.Value)), title: "The request is invalid.");

    public static IResult Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult NotFound(string what) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"{what} does not exist.");

    public static IResult Conflict(string detail) => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: detail);

    public static IResult Unavailable(string detail) => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Chain unavailable.", detail: detail);

    /// <summary>The transaction cannot be sent as requested (funds, revert at estimation); a failed transaction was recorded when <paramref name="transactionId"/> is set.</summary>
    public static IResult Unprocessable(string title, string detail, string? transactionId) =>
        Results.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: title,
            detail: detail,
            extensions: transactionId is null ? null : new Dictionary<string, object?> { ["transactionId"] = transactionId, ["transaction"] = $"/v1/transactions/{transactionId}" });
}
