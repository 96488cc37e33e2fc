using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MpcWallet.Infrastructure.Cluster;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Node.Configuration;
using MpcWallet.Node.Engine;
using MpcWallet.Node.Messaging;
using MpcWallet.Node.Runtime;
using MpcWallet.Node.Security;

namespace MpcWallet.Node;

/// <summary>The node module's entry point: services, consumers and the queues it needs (one per local node).</summary>
public static class NodeModule
{
    public static IServiceCollection AddNodeModule(this IServiceCollection services, IConfiguration configuration)
    {
        var options = OptionsFrom(configuration);
        services.TryAddSingleton(configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions());
        services.AddSingleton(options);
        services.AddSingleton<LocalNodes>();
        services.AddSingleton<KeyEncryptionKeySource>();
        services.AddSingleton<IThresholdEngine, DklsEngine>();
        services.AddSingleton<NodeHostService>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeHostService>());
        return services;
    }

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
