using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using MpcWallet.Coordinator;
using MpcWallet.Infrastructure.Authentication;
using MpcWallet.Infrastructure.Hosting;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Node;
using MpcWallet.Transactions;
using Prometheus;
using Scalar.AspNetCore;

namespace MpcWallet.Host.Composition;

/// <summary>
/// The composition root: configuration files, the enabled modules, the single bus with the configured transport,
/// authentication, the HTTP conventions (problem details for every bad input, request limits), OpenAPI and the docs
/// UI, health and metrics.
/// </summary>
public static partial class MpcWalletHost
{
    private static readonly Dictionary<string, string> SwitchMappings = new()
    {
        ["--data-dir"] = DataDirectory.Key,
        ["--modules"] = "Modules:Enabled",
        ["--node-id"] = "Node:Ids:0",
    };

    /// <param name="args">Command line (standard .NET configuration plus <c>--data-dir</c>, <c>--modules</c> and <c>--node-id</c>).</param>
    /// <param name="configureServices">Extra registrations after the modules' (embedding, tests).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddConfigurationFiles(builder, args);
        var configuration = builder.Configuration;
        var modules = EnabledModules.From(configuration);
        if (modules.Coordinator && modules.Node && string.IsNullOrEmpty(configuration["Cluster:ControlToken"]))
        {
            // Single host: coordinator and nodes share this process, so a per-process secret is enough.
            configuration["Cluster:ControlToken"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        SplitDeploymentSettings.Validate(configuration, modules);

        if (modules.Transactions && configuration.GetValue<bool>("DevelopmentChain:StartAnvil"))
        {
            // Registered first so the local chain is up before the transaction service verifies it.
            builder.Services.AddHostedService<DevelopmentChain>();
        }

        // Kestrel's own size limits above the API's, so the API's limits are answered with a problem document.
        builder.WebHost.ConfigureKestrel(RequestLimits.ConfigureServer);
        builder.Services.AddHttpConventions();
        builder.Services.AddApiKeyAuthentication(configuration);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        builder.Services.AddHealthChecks();

        var endpoints = new List<ReceiveEndpointPlan>();
        if (modules.Coordinator)
        {
            endpoints.AddRange(CoordinatorModule.CoordinatorEndpoints(configuration));
        }

        if (modules.Node)
        {
            endpoints.AddRange(NodeModule.NodeEndpoints(configuration));
        }

        if (modules.Transactions)
        {
            endpoints.AddRange(TransactionsModule.TransactionsEndpoints());
        }

        // The bus first: its hosted service starts (and waits for the broker) before the modules' services.
        builder.Services.AddMpcWalletBus(
            configuration,
            bus =>
            {
                if (modules.Coordinator)
                {
                    bus.AddCoordinatorConsumers();
                }

                if (modules.Node)
                {
                    bus.AddNodeConsumers();
                }

                if (modules.Transactions)
                {
                    bus.AddTransactionsConsumers();
                }
            },
            endpoints);
        if (modules.Coordinator)
        {
            builder.Services.AddCoordinatorModule(configuration);
        }

        if (modules.Node)
        {
            // The node module decides where NodeControl is served (alone here with one node: on this server).
            builder.Services.AddNodeModule(configuration, aloneInProcess: !modules.Coordinator && !modules.Transactions);
        }

        if (modules.Transactions)
        {
            builder.Services.AddTransactionsModule(configuration);
        }

        configureServices?.Invoke(builder.Services);
        var app = builder.Build();

        // MassTransit keeps its log context in an async-local; bind it to this host's logger factory, so a host built
        // after another one was disposed (embedding, tests) does not log into a disposed factory.
        MassTransit.LogContext.ConfigureCurrentLogContext(app.Services.GetRequiredService<ILoggerFactory>());
        app.UseHttpConventions();
        if (modules.Coordinator || modules.Transactions)
        {
            // Only they have an API. A node-only process has none: its NodeControl calls carry the control token in
            // the same authorization header, which the node checks itself (it is not an API key).
            app.UseAuthentication();
            app.UseAuthorization();
        }
        app.UseHttpMetrics();

        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            // MassTransit reports a bus whose endpoints lost the broker as Degraded, which would map to 200: a host
            // that cannot reach its broker is not ready.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).ExcludeFromDescription();
        app.MapMetrics("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", options => options.WithOpenApiRoutePattern("/openapi/{documentName}.json").WithTitle("MpcWallet API"));
        if (modules.Coordinator)
        {
            app.MapCoordinatorApi();
        }

        if (modules.Transactions)
        {
            app.MapTransactionsApi();
        }

        if (modules.Node)
        {
            app.MapNodeControl();
        }

        app.Lifetime.ApplicationStarted.Register(() => LogWhere(app, modules));
        return app;
    }

    /// <summary>The REST addresses actually bound (after start).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    // appsettings/ files go first, so environment variables and the command line override them.
    private static void AddConfigurationFiles(WebApplicationBuilder builder, string[] args)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "appsettings");
        var files = new List<string> { "appsettings.json", $"appsettings.{builder.Environment.EnvironmentName}.json" };
        if (builder.Configuration["Profile"] is { Length: > 0 } profile)
        {
            files.Add($"appsettings.{profile}.json");
        }

        var provider = new PhysicalFileProvider(directory);
        for (var i = 0; i < files.Count; i++)
        {
            builder.Configuration.Sources.Insert(i, new JsonConfigurationSource { FileProvider = provider, Path = files[i], Optional = i > 0 || !Directory.Exists(directory), ReloadOnChange = false });
        }

        builder.Configuration.AddCommandLine(args, SwitchMappings);
    }

    private static void LogWhere(WebApplication app, EnabledModules modules)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MpcWallet.Host");
        var addresses = Addresses(app);
        var api = addresses.Count > 0 ? addresses[0] : "(no address)";
        if (NodeModule.ServesControlOnHostServer(app.Services))
        {
            LogNodeReady(logger, string.Join(",", NodeModule.LocalNodeIds(app.Configuration)), api, DataDirectory.From(app.Configuration));
            return;
        }

        var keys = app.Services.GetRequiredService<ApiKeyDirectory>().Count;
        LogReady(logger, modules.ToString(), api, $"{api.TrimEnd('/')}/docs", keys, Path.Combine(AppContext.BaseDirectory, "appsettings", $"appsettings.{app.Environment.EnvironmentName}.json"), DataDirectory.From(app.Configuration));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MpcWallet ready (modules: {Modules}). REST API: {Api} · docs UI: {Docs} · OpenAPI: /openapi/v1.json · {KeyCount} API key(s) from Auth:ApiKeys (development key: {KeyFile}, override with Auth__ApiKeys__0__Key) · data directory: {DataDirectory}")]
    private static partial void LogReady(ILogger logger, string modules, string api, string docs, int keyCount, string keyFile, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "MpcWallet ready (modules: node, node {Node}). NodeControl gRPC, /health/live, /health/ready and /metrics: {Address} (HTTP/2 only: curl --http2-prior-knowledge) · data directory: {DataDirectory}")]
    private static partial void LogNodeReady(ILogger logger, string node, string address, string dataDirectory);
}
