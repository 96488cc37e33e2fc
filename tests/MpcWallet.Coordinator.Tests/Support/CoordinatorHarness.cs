using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Orchestration;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Coordinator.Registry;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Coordinator.Signing;
using MpcWallet.Infrastructure.Cluster;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Coordinator.Tests.Support;

/// <summary>
/// The coordinator's consumers on the in-memory test harness, registered and routed exactly as the host does, with
/// the services they use (store, session ledger, finalizer). The store is a fresh SQLite file unless
/// <paramref name="database"/> names another one (two harnesses on one database act as two coordinators).
/// </summary>
internal static class CoordinatorHarness
{
    public static ServiceProvider Build(Action<IServiceCollection>? extra = null, ModuleDatabase? database = null, string instance = "coordinator-test")
    {
        database ??= new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("coordinator-spec-").FullName, "c.db")}", "coordinator");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Coordinator:InstanceId", instance)]).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new ClusterOptions { Nodes = [new() { Id = "node-1", GrpcEndpoint = "http://127.0.0.1:1" }, new() { Id = "node-2", GrpcEndpoint = "http://127.0.0.1:2" }, new() { Id = "node-3", GrpcEndpoint = "http://127.0.0.1:3" }] })
            .AddSingleton(new CoordinatorOptions { InstanceId = instance })
            .AddSingleton(TimeProvider.System)
            .AddModuleStore<CoordinatorStore, CoordinatorDbContext>(new CoordinatorStore(database))
            .AddSingleton<NodeRegistry>()
            .AddSingleton<ActiveSessions>()
            .AddSingleton<SessionLedger>()
            .AddSingleton<WalletSuspects>()
            .AddSingleton<SessionCompletion>()
            .AddSingleton<SignatureFinalizer>()
            .AddSingleton<WalletActivation>()
            .AddSingleton<WorkLeases>()
            .AddSingleton<WorkQueue>()
            // The dispatcher without its hosted loop: specs dispatch when they choose (the harness starts hosted services).
            .AddSingleton(sp => new OutboxDispatcher<CoordinatorDbContext>(
                sp.GetRequiredService<CoordinatorStore>(), sp.GetRequiredService<IBus>(), OutboxSettings.For(database, instance), NullLogger<OutboxDispatcher<CoordinatorDbContext>>.Instance))
            .AddSingleton<ISignatureEngine, DklsSignatureEngine>();
        extra?.Invoke(services);
        services.AddMassTransitTestHarness(bus =>
        {
            bus.AddCoordinatorConsumers();
            bus.UseConfiguredTransport(new BrokerOptions(), CoordinatorModule.CoordinatorEndpoints(configuration));
        });
        return services.BuildServiceProvider(true);
    }

    /// <summary>Builds, applies the schema and starts the bus harness.</summary>
    public static async Task<ServiceProvider> StartAsync(Action<IServiceCollection>? extra = null, ModuleDatabase? database = null, string instance = "coordinator-test")
    {
        var provider = Build(extra, database, instance);
        await provider.GetRequiredService<CoordinatorStore>().MigrateAsync(CancellationToken.None);
        var harness = provider.GetRequiredService<MassTransit.Testing.ITestHarness>();
        // Generous: the whole solution's tests share two cores (a deadline against hangs, not a timing assertion).
        harness.TestTimeout = TimeSpan.FromSeconds(60);
        harness.TestInactivityTimeout = TimeSpan.FromSeconds(15);
        await harness.Start();
        return provider;
    }
}
