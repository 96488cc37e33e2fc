using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MpcWallet.Coordinator.Api;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Health;
using MpcWallet.Coordinator.Orchestration;
using MpcWallet.Coordinator.Outbox;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Registry;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Signing;
using MpcWallet.Infrastructure.Cluster;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Coordinator;

/// <summary>The coordinator module's entry point: services, consumers, queues and REST endpoints.</summary>
public static class CoordinatorModule
{
    public static IServiceCollection AddCoordinatorModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(configuration.GetSection(CoordinatorOptions.Section).Get<CoordinatorOptions>() ?? new CoordinatorOptions());
        services.AddSingleton(new CoordinatorStore(ModuleDatabase.Resolve(configuration, "Coordinator", "coordinator", "coordinator")));
        services.AddSingleton<NodeRegistry>();
        services.AddSingleton<NodeControlClients>();
        services.AddSingleton<ActiveSessions>();
        services.AddSingleton<SessionDriver>();
        services.AddSingleton<QuorumWaiter>();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<KeyGenerationRun>();
        services.AddSingleton<SigningRun>();
        services.AddSingleton<SignatureFinalizer>();
        services.AddSingleton<ISignatureEngine, DklsSignatureEngine>();
        services.AddHealthChecks().AddCheck<CoordinatorReadiness>("coordinator");
        services.AddHostedService<CoordinatorStoreMigration>();
        services.AddSingleton<HeartbeatHearing>();
        services.AddHostedService<LivenessMonitor>();
        services.AddHostedService<SessionOrchestrator>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    public static void AddCoordinatorConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<HeartbeatConsumer>();
        bus.AddConsumer<NodeStateHintConsumer>();
        bus.AddConsumer<KeyShareStoredConsumer>();
        bus.AddConsumer<SessionFailedConsumer>();
        bus.AddConsumer<PartialSignatureConsumer>();
        bus.AddConsumer<SignatureRequestedConsumer>();
    }

    /// <summary>The coordinator's queues, one per channel it consumes.</summary>
    public static IReadOnlyList<ReceiveEndpointPlan> CoordinatorEndpoints() =>
    [
        new(BrokerChannels.Heartbeats + ".coordinator", BrokerChannels.Heartbeats, [typeof(HeartbeatConsumer)]),
        new(BrokerChannels.StateSync + ".coordinator", BrokerChannels.StateSync, [typeof(NodeStateHintConsumer), typeof(KeyShareStoredConsumer), typeof(SessionFailedConsumer)]),
        new(BrokerChannels.PartialSignatures + ".coordinator", BrokerChannels.PartialSignatures, [typeof(PartialSignatureConsumer)]),
        new(BrokerChannels.SignatureRequests + ".coordinator", BrokerChannels.SignatureRequests, [typeof(SignatureRequestedConsumer)]),
    ];

    /// <summary>Maps <c>/v1/wallets</c>, <c>/v1/signatures</c> and <c>/v1/nodes</c> (API-key authenticated).</summary>
    public static IEndpointRouteBuilder MapCoordinatorApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireAuthorization();
        WalletEndpoints.Map(v1);
        SignatureEndpoints.Map(v1);
        NodeEndpoints.Map(v1);
        return app;
    }

    /// <summary>Applies the coordinator's schema before anything else of the module starts.</summary>
    private sealed class CoordinatorStoreMigration(CoordinatorStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
