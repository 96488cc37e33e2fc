using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using MpcWallet.Host.OperatorConsole;
using MpcWallet.Infrastructure.Authentication;
using MpcWallet.Infrastructure.Cluster;
using MpcWallet.Infrastructure.Hosting;
using MpcWallet.Infrastructure.Http;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Modules;
using MpcWallet.Infrastructure.Operations;
using MpcWallet.Infrastructure.Security;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Infrastructure.Telemetry;
using Prometheus;
using Scalar.AspNetCore;

namespace MpcWallet.Host.Composition;

/// <summary>
/// The composition root: configuration files, the enabled modules (each added through <see cref="IMpcWalletModule"/>:
/// options, the single bus from their endpoint plans, services, endpoints), authentication, the HTTP conventions
/// (problem details for every bad input, request limits), OpenAPI and the docs UI, health, metrics and telemetry.
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
    /// <exception cref="InvalidOperationException">The configuration is incomplete or invalid (every problem named in the message).</exception>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddConfigurationFiles(builder, args);
        var configuration = builder.Configuration;
        var modules = EnabledModules.From(configuration);
        var context = new ModuleContext(configuration, modules.Select(m => m.Name).ToArray());
        if (context.Runs("transactions") && configuration.GetValue<bool>("DevelopmentChain:StartAnvil"))
        {
            // The host's development tool for the transaction service, registered first so the local chain is up
            // before the transaction service verifies it.
            builder.Services.AddHostedService<DevelopmentChain>();
        }

        // Kestrel's own size limits above the API's, so the API's limits are answered with a problem document.
        builder.WebHost.ConfigureKestrel(RequestLimits.ConfigureServer);
        builder.Services.AddHttpConventions();
        builder.Services.AddApiKeyAuthentication(configuration);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        builder.Services.AddHealthChecks();

        // Coordinator and nodes in one process: development trust; otherwise the signed manifest is required (the transaction
        // service checks final signatures against the coordinators it lists).
        builder.Services.AddClusterTrust(configuration, singleHost: context.Runs("coordinator") && context.Runs("node"), required: context.Runs("coordinator") || context.Runs("node") || context.Runs("transactions"));

        // Any other process is part of a split deployment: it refuses cleartext links unless Security:AllowCleartext.
        builder.Services.AddTransportSecurity(context, splitMode: !(context.Runs("coordinator") && context.Runs("node")));

        // Traces and trace-aware logs for every module; exported only where Telemetry: says (README, Observability).
        builder.AddMpcWalletTelemetry($"{string.Join("+", context.Modules)}@{Environment.MachineName}/{Environment.ProcessId}");
        foreach (var module in modules)
        {
            module.AddOptions(builder.Services, context);
        }

        // The bus first: its hosted service starts (and waits for the broker) before the modules' services.
        builder.Services.AddMpcWalletBus(configuration, [.. modules.SelectMany(m => m.ReceiveEndpoints(context))]);
        foreach (var module in modules)
        {
            module.AddServices(builder.Services, context);
        }

        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        ValidateOptions(app);

        // MassTransit keeps its log context in an async-local; bind it to this host's logger factory, so a host built
        // after another one was disposed (embedding, tests) does not log into a disposed factory.
        MassTransit.LogContext.ConfigureCurrentLogContext(app.Services.GetRequiredService<ILoggerFactory>());
        app.UseHttpConventions();
        var routes = new ModuleRoutes(app);
        foreach (var module in modules)
        {
            module.MapEndpoints(routes);
        }

        if (routes.HasApi)
        {
            // The operators' views of what every module shares, and the console that reads them.
            QueueEndpoints.Map(routes.Admin);
            ConsoleEndpoints.Map(app);

            // Only a process with a REST API authenticates API keys. A node-only process has none: its NodeControl
            // commands carry their own signature, which the node checks itself.
            // (Endpoints run at the end of the pipeline, whatever the order of mapping and middleware here.)
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
        app.Lifetime.ApplicationStarted.Register(() => LogWhere(app, context, routes.HasApi));
        return app;
    }

    /// <summary>The configuration a host started with <paramref name="args"/> would read, without building it (host subcommands).</summary>
    public static IConfiguration ReadConfiguration(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddConfigurationFiles(builder, args);
        return builder.Configuration;
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

    /// <summary>
    /// The modules' options validations (<c>ValidateOnStart</c>), run as soon as the container exists: a misconfigured
    /// process stops here, before anything starts, with every problem of every module in one message.
    /// </summary>
    private static void ValidateOptions(WebApplication app)
    {
        try
        {
            StartupValidation.Run(app.Services);
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
    }

    private static void LogWhere(WebApplication app, ModuleContext context, bool hasApi)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MpcWallet.Host");
        LogTrust(logger, app.Services.GetRequiredService<ClusterTrust>().Description);
        var transport = app.Services.GetRequiredService<TransportSecurity>();
        if (transport.Weakened)
        {
            LogCleartextAllowed(logger, transport.Description);
        }
        else
        {
            LogTransport(logger, transport.Description);
        }
        if (!string.IsNullOrEmpty(app.Configuration[ClusterOptions.RetiredControlTokenKey]))
        {
            LogRetiredControlToken(logger);
        }

        var addresses = Addresses(app);
        LogEndpoints(logger, EndpointBanner.Describe(app.Configuration, context, addresses, app.Services.GetRequiredService<ClusterTrust>().IsDevelopment));
        var address = addresses.Count > 0 ? addresses[0] : "(no address)";
        var modules = string.Join(",", context.Modules);
        if (!hasApi)
        {
            LogReadyWithoutApi(logger, modules, address, DataDirectory.From(app.Configuration));
            return;
        }

        var keys = app.Services.GetRequiredService<ApiKeyDirectory>().Count;
        LogReady(logger, modules, address, $"{address.TrimEnd('/')}/docs", keys, Path.Combine(AppContext.BaseDirectory, "appsettings", $"appsettings.{app.Environment.EnvironmentName}.json"), DataDirectory.From(app.Configuration));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MpcWallet ready (modules: {Modules}). REST API: {Api} · docs UI: {Docs} · OpenAPI: /openapi/v1.json · {KeyCount} API key(s) from Auth:ApiKeys (development key: {KeyFile}, override with Auth__ApiKeys__0__Key) · data directory: {DataDirectory}")]
    private static partial void LogReady(ILogger logger, string modules, string api, string docs, int keyCount, string keyFile, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoints: {Endpoints}")]
    private static partial void LogEndpoints(ILogger logger, string endpoints);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trust: {Trust}")]
    private static partial void LogTrust(ILogger logger, string trust);

    [LoggerMessage(Level = LogLevel.Information, Message = "Links: {Transport}")]
    private static partial void LogTransport(ILogger logger, string transport);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Links: {Transport}")]
    private static partial void LogCleartextAllowed(ILogger logger, string transport);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster:ControlToken is set but protects nothing any more and is ignored: nodes act only on commands signed by a coordinator instance listed in the cluster manifest (docs/security.md). Remove it from this process's configuration.")]
    private static partial void LogRetiredControlToken(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "MpcWallet ready (modules: {Modules}; no REST API). /health/live, /health/ready and /metrics: {Address} · data directory: {DataDirectory}")]
    private static partial void LogReadyWithoutApi(ILogger logger, string modules, string address, string dataDirectory);
}
