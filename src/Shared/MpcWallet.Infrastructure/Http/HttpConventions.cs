using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// The request pipeline every API host shares, so every bad input is answered with a 4xx problem document: problem
/// details for every error status, a request the server could not read (<see cref="BadHttpRequestException"/>, e.g.
/// parameter binding) mapped to its own 4xx instead of 500, status codes without a body (401, 404 of no route, 405)
/// given a problem body, and the API's size limits on targets and headers (<see cref="RequestLimits"/>). Client errors
/// are logged as one line without a stack trace.
/// </summary>
public static class HttpConventions
{
    public static IServiceCollection AddHttpConventions(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.Configure<ExceptionHandlerOptions>(o =>
        {
            o.StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            // A request the server could not read is the client's error, answered with its 4xx: one line in the log
            // (ClientErrors), not the handler's "unhandled exception" entry with a stack trace. 5xx keep theirs.
            o.SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException { StatusCode: < 500 } bad && ClientErrors.Logged(c.HttpContext, bad);
        });
        return services;
    }

    /// <summary>First in the pipeline: the exception handler, problem bodies for bare status codes, the request limits.</summary>
    public static IApplicationBuilder UseHttpConventions(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RequestLimits.EnforceAsync);
        return app;
    }
}
