using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
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
    /// <param name="controlOnHostServer">
    /// True when this process runs exactly one node and no other module: its NodeControl is then served by the host's
    /// own server (<see cref="MapNodeControl"/>, whose endpoints the host makes HTTP/2-only), not by a private one.
    /// </param>
    public static IServiceCollection AddNodeModule(this IServiceCollection services, IConfiguration configuration, bool controlOnHostServer = false)
    {
        var options = OptionsFrom(configuration);
        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        services.TryAddSingleton(cluster);
        services.AddSingleton(options);
        services.AddSingleton(new NodeControlHosting(controlOnHostServer));
        if (controlOnHostServer)
        {
            if (options.Ids.Count != 1)
            {
                throw new InvalidOperationException($"NodeControl on the host's server needs exactly one node in this process, not {options.Ids.Count}");
            }

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

    /// <summary>Serves the process's one node's NodeControl on the host's server (see <see cref="AddNodeModule"/>).</summary>
    public static IEndpointRouteBuilder MapNodeControl(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<NodeControlService>();
        return app;
    }

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
