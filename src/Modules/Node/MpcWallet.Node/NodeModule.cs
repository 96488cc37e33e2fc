using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MpcWallet.Infrastructure.Cluster;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Node.Configuration;
using MpcWallet.Node.Control;
using MpcWallet.Node.Engine;
using MpcWallet.Node.Messaging;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Security;

namespace MpcWallet.Node;

/// <summary>The node module's entry point: services, consumers and the queues it needs (one per local node).</summary>
public static class NodeModule
{
    /// <param name="aloneInProcess">
    /// True when this process runs no other module. With exactly one local node, its NodeControl is then served by
    /// the host's own server (<see cref="MapNodeControl"/>), not by a private one; the module makes that server
    /// HTTP/2-only. Otherwise every local node serves NodeControl on its own small server.
    /// </param>
    public static IServiceCollection AddNodeModule(this IServiceCollection services, IConfiguration configuration, bool aloneInProcess = false)
    {
        var options = OptionsFrom(configuration);
        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        services.TryAddSingleton(cluster);
        services.AddSingleton(options);
        var hosting = NodeControlHosting.Decide(options.Ids, aloneInProcess);
        services.AddSingleton(hosting);
        if (hosting.OnHostServer)
        {
            // gRPC clients speak cleartext HTTP/2 only with prior knowledge, so every endpoint of the host's server is
            // HTTP/2-only (health and metrics too: curl --http2-prior-knowledge).
            services.Configure<KestrelServerOptions>(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
            services.AddSingleton(new ControlTokenInterceptor(ControlToken.Validate(cluster.ControlToken)));
            services.AddGrpc(grpc => grpc.Interceptors.Add<ControlTokenInterceptor>());

            // Resolved at the first call, after NodeHostService opened the node (hosted services start before Kestrel).
            services.AddSingleton(sp => new NodeControlService(sp.GetRequiredService<LocalNodes>().All.Single()));
        }

        services.AddSingleton<LocalNodes>();
        services.AddSingleton<KeyEncryptionKeySource>();
        services.AddSingleton<IThresholdEngine, DklsEngine>();
        services.AddSingleton<NodeHostService>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeHostService>());
        return services;
    }

    /// <summary>Serves the process's one node's NodeControl on the host's server when the module decided so (see <see cref="AddNodeModule"/>); else maps nothing.</summary>
    public static IEndpointRouteBuilder MapNodeControl(this IEndpointRouteBuilder app)
    {
        if (ServesControlOnHostServer(app.ServiceProvider))
        {
            app.MapGrpcService<NodeControlService>();
        }

        return app;
    }

    /// <summary>Whether this process's NodeControl is served by the host's own server (false without the node module).</summary>
    public static bool ServesControlOnHostServer(IServiceProvider services) => services.GetService<NodeControlHosting>()?.OnHostServer == true;

    /// <summary>The ids of the nodes this process runs: <c>Node:Ids</c> (<c>--node-id</c>), else every <c>Cluster:Nodes</c> entry.</summary>
    public static IReadOnlyList<string> LocalNodeIds(IConfiguration configuration) => OptionsFrom(configuration).Ids;

    public static void AddNodeConsumers(this IBusRegistrationConfigurator bus) => bus.AddConsumer<RoundMessageConsumer>();

    /// <summary>One <c>mpc_rounds.&lt;node&gt;</c> queue per node this process runs.</summary>
    public static IReadOnlyList<ReceiveEndpointPlan> NodeEndpoints(IConfiguration configuration) =>
        OptionsFrom(configuration).Ids
            .Select(id => new ReceiveEndpointPlan(BrokerChannels.NodeRoundQueue(id), BrokerChannels.MpcRounds, [typeof(RoundMessageConsumer)], SentTo: true))
            .ToArray();

    /// <summary>Stops a local node (NodeControl down, broker ignored, no heartbeats) — operators drain a node this way.</summary>
    public static Task StopLocalNodeAsync(IServiceProvider services, string nodeId) =>
        services.GetRequiredService<NodeHostService>().StopNodeAsync(nodeId);

    public static Task StartLocalNodeAsync(IServiceProvider services, string nodeId, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<NodeHostService>().StartNodeAsync(nodeId, cancellationToken);

    private static NodeOptions OptionsFrom(IConfiguration configuration)
    {
        var options = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        if (options.Ids.Count == 0)
        {
            // Single-host default: run every configured node.
            var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
            options.Ids.AddRange(cluster.Nodes.Select(n => n.Id));
        }

        return options;
    }
}
