using System.Net;
using System.Text.Json;

namespace MpcWallet.Client;

/// <summary>
/// The service answered with an error: an RFC 7807 problem (<c>application/problem+json</c>) when it sent one, whose
/// fields are here; otherwise <see cref="Title"/> is the HTTP reason and <see cref="Detail"/> the body text.
/// </summary>
public sealed class MpcWalletProblemException : Exception
{
    public MpcWalletProblemException(HttpStatusCode status, string? type, string title, string? detail, IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, JsonElement> extensions)
        : base($"{(int)status} {title}{(string.IsNullOrEmpty(detail) ? "" : ": " + detail)}")
    {
        Status = status;
        Type = type;
        Title = title;
        Detail = detail;
        Errors = errors;
        Extensions = extensions;
    }

    public MpcWalletProblemException()
        : this(HttpStatusCode.InternalServerError, null, "Unknown problem.", null, new Dictionary<string, string[]>(), new Dictionary<string, JsonElement>())
    {
    }

    public MpcWalletProblemException(string message)
        : base(message)
    {
        Title = message;
        Errors = new Dictionary<string, string[]>();
        Extensions = new Dictionary<string, JsonElement>();
    }

    public MpcWalletProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Title = message;
        Errors = new Dictionary<string, string[]>();
        Extensions = new Dictionary<string, JsonElement>();
    }

    public HttpStatusCode Status { get; }

    /// <summary>The problem type URI, if the service sent one.</summary>
    public string? Type { get; }

    public string Title { get; }

    public string? Detail { get; }

    /// <summary>Validation errors: field → messages (empty for other problems).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>Other members of the problem (e.g. <c>transactionId</c> of a refused transaction).</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; }
}
