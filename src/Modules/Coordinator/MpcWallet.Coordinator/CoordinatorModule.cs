using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MpcWallet.Coordinator.Administration;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Health;
using MpcWallet.Coordinator.Monitoring;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Operations;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Signatures;
using MpcWallet.Coordinator.Signatures.Aggregation;
using MpcWallet.Coordinator.Wallets;
using MpcWallet.Coordinator.Work;
using MpcWallet.Infrastructure.Cluster;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Modules;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Persistence;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Coordinator;

/// <summary>The coordinator: node registry and liveness, wallets and signatures run as sessions over NodeControl, its queues and REST endpoints.</summary>
public sealed class CoordinatorModule : IMpcWalletModule
{
    private const string StoreName = "Coordinator";

    public string Name => "coordinator";

    /// <summary><c>Coordinator</c> (deadlines, this instance), what the coordinator needs of <c>Cluster</c>, and where its store lives.</summary>
    public void AddOptions(IServiceCollection services, ModuleContext context)
    {
        // Chosen now when not configured: the per-instance queues are named before any option is read.
        CoordinatorInstance.Resolve(context.Configuration);
        services.AddOptions<CoordinatorOptions>().BindConfiguration(CoordinatorOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CoordinatorOptions>, CoordinatorOptionsValidation>();
        services.AddOptionsValue<CoordinatorOptions>();
        services.AddClusterOptions();
        services.AddSingleton<IValidateOptions<ClusterOptions>, CoordinatorClusterValidation>();
        services.AddSingleton<IValidateOptions<CoordinatorOptions>, CoordinatorTrustValidation>();
        services.AddModuleDatabase(StoreName);
    }

    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddModuleStore<CoordinatorStore, CoordinatorDbContext>(StoreName, "coordinator", "coordinator", database => new CoordinatorStore(database));
        services.AddHostedService<ManifestRollbackCheck>(); // after the store's schema is applied (hosted services start in order)
        services.AddSingleton<NodeRegistry>();
        services.AddSingleton<NodeControlClients>();
        services.AddSingleton<InstanceKeys>();
        services.AddSingleton<NodeCommands>();
        services.AddSingleton<NodeReportVerifier>();
        services.AddSingleton<HeartbeatHearing>();
        services.AddSingleton<QuorumWaiter>();
        services.AddSingleton<ActiveSessions>();
        services.AddSingleton<SessionLedger>();
        services.AddSingleton<WalletSuspects>();
        services.AddSingleton<SessionDriver>();
        services.AddSingleton<SessionCompletion>();
        services.AddSingleton<SessionReports>();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<WorkLeases>();
        services.AddSingleton<IWorkRun, KeyGenerationRun>();
        services.AddSingleton<IWorkRun, SigningRun>();
        services.AddSingleton<IWorkRun, RefreshRun>();
        services.AddSingleton<GenerationCommits>();
        services.AddSingleton<ISessionResultHandler, WalletRefresh>();
        services.AddSingleton<WalletActivation>();
        services.AddSingleton<ISessionResultHandler>(sp => sp.GetRequiredService<WalletActivation>());
        services.AddSingleton<SignatureFinalizer>();
        services.AddSingleton<ISessionResultHandler>(sp => sp.GetRequiredService<SignatureFinalizer>());
        services.AddSingleton<SignatureIntake>();
        services.AddSingleton<ISignatureEngine, DklsSignatureEngine>();
        services.AddHealthChecks().AddCheck<CoordinatorReadiness>("coordinator");
        services.AddHostedService<LivenessMonitor>();
        services.AddSingleton<ClusterGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterGauges>());
        services.AddHostedService<WorkRunner>();
        // Several coordinators may share a PostgreSQL store: each claims rows under its instance id.
        services.AddOutbox<CoordinatorDbContext>(sp => OutboxSettings.For(sp.GetRequiredService<CoordinatorStore>().Database, sp.GetRequiredService<CoordinatorOptions>().InstanceId));
    }

    /// <summary>
    /// Work (reports, partials, requests) is on shared durable queues, where several coordinators are competing
    /// consumers; heartbeats and node-state hints go to a queue per coordinator instance, because every coordinator
    /// needs all of them.
    /// </summary>
    public IReadOnlyList<ReceiveEndpointPlan> ReceiveEndpoints(ModuleContext context)
    {
        var instance = CoordinatorInstance.Resolve(context.Configuration);
        return
        [
            new($"{BrokerChannels.Heartbeats}.coordinator.{instance}", BrokerChannels.Heartbeats, [typeof(HeartbeatConsumer)], Temporary: true),
            new($"{BrokerChannels.StateSync}.coordinator.{instance}", BrokerChannels.StateSync, [typeof(NodeStateHintConsumer), typeof(StaleGenerationConsumer)], Temporary: true),
            new(BrokerChannels.StateSync + ".coordinator", BrokerChannels.StateSync, [typeof(KeyShareStoredConsumer), typeof(SessionFailedConsumer)]),
            new(BrokerChannels.PartialSignatures + ".coordinator", BrokerChannels.PartialSignatures, [typeof(PartialSignatureConsumer)]),
            new(BrokerChannels.SignatureRequests + ".coordinator", BrokerChannels.SignatureRequests, [typeof(SignatureRequestedConsumer)]),
        ];
    }

    /// <summary>Final signatures and the coordinator's events.</summary>
    public IReadOnlyList<Type> PublishedMessages { get; } =
    [
        typeof(Contracts.FinalSignatures.SignatureFinalized), typeof(Contracts.Events.WalletCreated), typeof(Contracts.Events.WalletCreationFailed), typeof(Contracts.Events.WalletRefreshed),
        typeof(Contracts.Events.SignatureCompleted), typeof(Contracts.Events.SignatureFailed), typeof(Contracts.Events.NodeWentOnline), typeof(Contracts.Events.NodeWentOffline),
    ];

    public IReadOnlyList<string> DirectSendPatterns { get; } = [];

    /// <summary>
    /// Enrollment (<c>trust coordinator-identity</c>): this instance's manifest entry (id and public keys), from its
    /// identity key file, created when absent, with the SHA-256 of its NodeControl client certificate when
    /// <c>Coordinator:Tls:CertificatePath</c> is set. Needs a stable <c>Coordinator:InstanceId</c> (the manifest names it).
    /// </summary>
    public static ManifestDraft.Coordinator ReadIdentity(IServiceProvider services)
    {
        var options = services.GetRequiredService<CoordinatorOptions>();
        using var identity = CoordinatorIdentity.LoadOrCreate(CoordinatorIdentityFile.Path(options, services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()));
        var entry = identity.ManifestEntry(options.InstanceId);
        using var certificate = options.Tls.LoadCertificate();
        entry.TlsCertificateSha256 = certificate is null ? null : CertificatePinning.Fingerprint(certificate);
        return entry;
    }

    /// <summary><c>/v1/wallets</c> (and <c>/v1/wallets/{id}/refresh</c>), <c>/v1/operations</c>, <c>/v1/signatures</c>, <c>/v1/nodes</c>, and the operators' <c>/v1/admin/cluster|wallets|signatures</c>.</summary>
    public void MapEndpoints(ModuleRoutes routes)
    {
        WalletEndpoints.Map(routes.Api);
        AddressEndpoints.Map(routes.Api);
        SignatureEndpoints.Map(routes.Api);
        OperationEndpoints.Map(routes.Api);
        NodeEndpoints.Map(routes.Api);
        AdminEndpoints.Map(routes.Admin);
    }
}
