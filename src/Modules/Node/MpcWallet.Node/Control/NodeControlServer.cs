using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MpcWallet.Node.Runtime;

namespace MpcWallet.Node.Control;

/// <summary>
/// Serves one node's NodeControl on its own small Kestrel (HTTP/2 only, so h2c works on loopback). In single-host
/// mode every node gets its own server on its own port: the coordinator reaches it exactly as in a split deployment.
/// </summary>
internal sealed class NodeControlServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NodeControlServer(WebApplication app, string endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public static async Task<NodeControlServer> StartAsync(NodeRuntime node, Uri listen, CommandVerifier verifier, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(NodeControlServer).Assembly.GetName().Name, Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(node);
        builder.Services.AddSingleton(verifier);
        builder.Services.AddGrpc();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = listen.Host is "localhost" or "127.0.0.1" ? IPAddress.Loopback : IPAddress.Parse(listen.Host);
            kestrel.Listen(address, listen.Port, l => l.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        app.MapGrpcService<NodeControlService>();
        await app.StartAsync(cancellationToken);
        var bound = app.Urls.First();
        var port = new Uri(bound).Port;
        return new NodeControlServer(app, $"{listen.Scheme}://{listen.Host}:{port}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
