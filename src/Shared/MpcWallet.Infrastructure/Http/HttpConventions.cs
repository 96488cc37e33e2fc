using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// The request pipeline every API host shares, so every bad input is answered with a 4xx problem document: problem
/// details for every error status, a request the server could not read (<see cref="BadHttpRequestException"/>, e.g.
/// parameter binding) mapped to its own 4xx instead of 500, status codes without a body (401, 404 of no route, 405)
/// given a problem body, and the API's size limits on targets and headers (<see cref="RequestLimits"/>).
/// </summary>
public static class HttpConventions
{
    public static IServiceCollection AddHttpConventions(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.Configure<ExceptionHandlerOptions>(o => o.StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
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
