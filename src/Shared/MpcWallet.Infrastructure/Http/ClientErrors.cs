using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// How a request the server could not read (a 4xx the framework raised as <see cref="BadHttpRequestException"/>) is
/// logged: one line with the status, method, path and reason, no exception (the request's scope adds its request id
/// and trace id). Expected client errors are not server faults and do not deserve a stack trace.
/// </summary>
internal static partial class ClientErrors
{
    /// <summary>Logs the client error; true, so the exception handler logs nothing more.</summary>
    public static bool Logged(HttpContext context, BadHttpRequestException error)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MpcWallet.Http.ClientErrors");
        LogClientError(logger, error.StatusCode, context.Request.Method, context.Request.Path, error.Message);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Status} for {Method} {Path}: {Reason}")]
    private static partial void LogClientError(ILogger logger, int status, string method, string path, string reason);
}
