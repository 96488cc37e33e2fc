using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MpcWallet.Host.OperatorConsole;

/// <summary>
/// The operators' console at <c>/console</c>: three static files embedded in this assembly (no build step, nothing
/// fetched from elsewhere at run time). The files hold no data: the page reads <c>/v1/admin/*</c> with the API key the
/// operator types in. A strict content security policy allows scripts, styles and requests to this origin only.
/// </summary>
internal static class ConsoleEndpoints
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly Dictionary<string, (string Resource, string ContentType)> Files = new(StringComparer.Ordinal)
    {
        [""] = ("index.html", "text/html; charset=utf-8"),
        ["console.css"] = ("console.css", "text/css; charset=utf-8"),
        ["console.js"] = ("console.js", "text/javascript; charset=utf-8"),
    };

    public static void Map(WebApplication app)
    {
        var contents = Files.ToDictionary(f => f.Key, f => (Read(f.Value.Resource), f.Value.ContentType), StringComparer.Ordinal);
        foreach (var (path, (bytes, contentType)) in contents)
        {
            // Routing ignores a trailing slash: "/console" serves the page at /console and /console/.
            app.MapGet(path.Length == 0 ? "/console" : "/console/" + path, (HttpContext http) =>
                {
                    var headers = http.Response.Headers;
                    headers.ContentSecurityPolicy = Policy;
                    headers.XContentTypeOptions = "nosniff";
                    headers.CacheControl = "no-cache";
                    headers["Referrer-Policy"] = "no-referrer";
                    headers.XFrameOptions = "DENY";
                    return Results.Bytes(bytes, contentType);
                })
                .ExcludeFromDescription();
        }
    }

    private static byte[] Read(string file)
    {
        var name = $"{typeof(ConsoleEndpoints).Namespace}.Assets.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new InvalidOperationException($"the console asset {name} is not embedded");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
