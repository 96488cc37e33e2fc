using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MpcWallet.EndToEndTests.Telemetry;

/// <summary>
/// Behind the host's own pipeline (so inside its exception handler), <see cref="Path"/> fails the way the framework
/// fails a request it cannot read — a <see cref="BadHttpRequestException"/> with a 4xx, as minimal APIs throw for
/// binding failures in Development or Kestrel for a body it refuses.
/// </summary>
internal sealed class UnreadableRequestFilter : IStartupFilter
{
    public const string Path = "/test/unreadable";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((HttpContext context, RequestDelegate following) =>
            context.Request.Path == Path ? throw new BadHttpRequestException("the test's request could not be read", StatusCodes.Status400BadRequest) : following(context));
    };
}
