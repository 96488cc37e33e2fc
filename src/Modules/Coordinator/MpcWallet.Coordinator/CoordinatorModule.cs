using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MpcWallet.Coordinator.Api;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Health;
using MpcWallet.Coordinator.Orchestration;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Registry;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Signing;
using MpcWallet.Infrastructure.Cluster;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Coordinator;

/// <summary>The coordinator module's entry point: services, consumers, queues and REST endpoints.</summary>
public static class CoordinatorModule
{
    public static IServiceCollection AddCoordinatorModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions());
        services.TryAddSingleton(TimeProvider.System);
        var options = configuration.GetSection(CoordinatorOptions.Section).Get<CoordinatorOptions>() ?? new CoordinatorOptions();
        options.InstanceId = CoordinatorInstance.Resolve(configuration);
        services.AddSingleton(options);
        var store = new CoordinatorStore(ModuleDatabase.Resolve(configuration, "Coordinator", "coordinator", "coordinator"));
        services.AddModuleStore<CoordinatorStore, CoordinatorDbContext>(store);
        services.AddSingleton<NodeRegistry>();
        services.AddSingleton<NodeControlClients>();
        services.AddSingleton<ActiveSessions>();
        services.AddSingleton<SessionLedger>();
        services.AddSingleton<WalletSuspects>();
        services.AddSingleton<SessionCompletion>();
        services.AddSingleton<WalletActivation>();
        services.AddSingleton<WorkLeases>();
        services.AddSingleton<SessionDriver>();
        services.AddSingleton<QuorumWaiter>();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<KeyGenerationRun>();
        services.AddSingleton<SigningRun>();
        services.AddSingleton<SignatureFinalizer>();
        services.AddSingleton<ISignatureEngine, DklsSignatureEngine>();
        services.AddHealthChecks().AddCheck<CoordinatorReadiness>("coordinator");
        services.AddSingleton<HeartbeatHearing>();
        services.AddHostedService<LivenessMonitor>();
        services.AddHostedService<SessionOrchestrator>();
        // Several coordinators may share a PostgreSQL store: each claims rows under its instance id.
        services.AddOutbox<CoordinatorDbContext>(OutboxSettings.For(store.Database, options.InstanceId));
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

    /// <summary>
    /// The coordinator's queues. Work (reports, partials, requests) is on shared durable queues, where several
    /// coordinators are competing consumers; heartbeats and node-state hints go to a queue per coordinator instance,
    /// because every coordinator needs all of them.
    /// </summary>
    public static IReadOnlyList<ReceiveEndpointPlan> CoordinatorEndpoints(IConfiguration configuration)
    {
        var instance = CoordinatorInstance.Resolve(configuration);
        return
        [
            new($"{BrokerChannels.Heartbeats}.coordinator.{instance}", BrokerChannels.Heartbeats, [typeof(HeartbeatConsumer)], Temporary: true),
            new($"{BrokerChannels.StateSync}.coordinator.{instance}", BrokerChannels.StateSync, [typeof(NodeStateHintConsumer)], Temporary: true),
            new(BrokerChannels.StateSync + ".coordinator", BrokerChannels.StateSync, [typeof(KeyShareStoredConsumer), typeof(SessionFailedConsumer)]),
            new(BrokerChannels.PartialSignatures + ".coordinator", BrokerChannels.PartialSignatures, [typeof(PartialSignatureConsumer)]),
            new(BrokerChannels.SignatureRequests + ".coordinator", BrokerChannels.SignatureRequests, [typeof(SignatureRequestedConsumer)]),
        ];
    }

    /// <summary>Maps <c>/v1/wallets</c>, <c>/v1/signatures</c> and <c>/v1/nodes</c> (API-key authenticated).</summary>
    public static IEndpointRouteBuilder MapCoordinatorApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireAuthorization();
        WalletEndpoints.Map(v1);
        SignatureEndpoints.Map(v1);
        NodeEndpoints.Map(v1);
        return app;
    }
}
