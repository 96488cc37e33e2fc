using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// Size limits on the request target and headers, in two tiers. Kestrel refuses what breaks its own limits while it
/// parses, before any application code runs, with a bare status and no body. So Kestrel's limits are set well above
/// the API's (<see cref="ConfigureServer"/>), and the API's limits are enforced by the first middleware
/// (<see cref="EnforceAsync"/>), which answers with a problem document: 414 for a target over
/// <see cref="MaxTargetBytes"/>, 431 for more than <see cref="MaxHeaders"/> header lines or
/// <see cref="MaxHeaderBytes"/> of headers. Only requests beyond Kestrel's limits get Kestrel's bare answer.
/// </summary>
public static class RequestLimits
{
    public const int MaxTargetBytes = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;
    public const int MaxHeaders = 100;

    public const int ServerMaxRequestLineBytes = 128 * 1024;
    public const int ServerMaxHeaderBytes = 128 * 1024;
    public const int ServerMaxHeaders = 1000;

    /// <summary>Kestrel's hard body limit; the API's own is <see cref="JsonBody.MaxBytes"/>.</summary>
    public const int ServerMaxBodyBytes = 1024 * 1024;

    public static void ConfigureServer(KestrelServerOptions server)
    {
        server.Limits.MaxRequestLineSize = ServerMaxRequestLineBytes;
        server.Limits.MaxRequestHeadersTotalSize = ServerMaxHeaderBytes;
        server.Limits.MaxRequestHeaderCount = ServerMaxHeaders;
        server.Limits.MaxRequestBodySize = ServerMaxBodyBytes;
    }

    /// <summary>Middleware: answers 414 or 431 with a problem document, else passes the request on.</summary>
    public static Task EnforceAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value + request.QueryString.Value;
        if (Encoding.UTF8.GetByteCount(target) > MaxTargetBytes)
        {
            return Refuse(context, StatusCodes.Status414UriTooLong, "The request target is too long.", $"the path and query must be at most {MaxTargetBytes} bytes");
        }

        var lines = 0;
        var bytes = 0L;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                lines++;
                bytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (lines > MaxHeaders || bytes > MaxHeaderBytes)
        {
            return Refuse(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.", $"send at most {MaxHeaders} header lines and {MaxHeaderBytes} bytes of headers");
        }

        return next();
    }

    private static Task Refuse(HttpContext context, int status, string title, string detail)
    {
        // The request is not read further: close the connection rather than keep it for another request.
        context.Response.Headers.Connection = "close";
        return Problems.Status(status, title, detail).ExecuteAsync(context);
    }
}
