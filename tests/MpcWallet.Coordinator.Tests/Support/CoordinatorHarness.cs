using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Modules;
using MpcWallet.Infrastructure.Trust;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Coordinator.Tests.Support;

/// <summary>
/// The coordinator module on the in-memory test harness, registered by the module itself (its options, services, and
/// consumers from its endpoint plans) exactly as the host does, with two test overrides: the store is a fresh SQLite
/// file unless <paramref name="database"/> names another one (two harnesses on one database act as two
/// coordinators), and the module's background work (request runner, liveness sweep, outbox loop) is off, so specs
/// drive it themselves (the bus harness starts every hosted service it finds).
/// </summary>
internal static class CoordinatorHarness
{
    public static ServiceProvider Build(Action<IServiceCollection>? extra = null, ModuleDatabase? database = null, string instance = "coordinator-test")
    {
        database ??= new ModuleDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("coordinator-spec-").FullName, "c.db")}", "coordinator");
        var settings = new Dictionary<string, string?>
        {
            ["Coordinator:InstanceId"] = instance,
            ["DataDirectory"] = Directory.CreateTempSubdirectory("coordinator-spec-data-").FullName,
        };
        for (var i = 0; i < 3; i++)
        {
            settings[$"Cluster:Nodes:{i}:Id"] = $"node-{i + 1}";
            settings[$"Cluster:Nodes:{i}:GrpcEndpoint"] = $"http://127.0.0.1:{i + 1}";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var module = new CoordinatorModule();
        var context = new ModuleContext(configuration, [module.Name]);
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        var trust = ClusterTrust.Development(configuration["DataDirectory"]!);
        TestNodes.Enroll(trust);
        services.AddSingleton(trust);
        module.AddOptions(services, context);
        module.AddServices(services, context);
        services.RemoveAll<IHostedService>();
        services.AddSingleton(new CoordinatorStore(database));
        extra?.Invoke(services);
        services.AddMassTransitTestHarness(bus => bus.AddReceiveEndpoints(new BrokerOptions(), module.ReceiveEndpoints(context)));
        var provider = services.BuildServiceProvider(true);
        StartupValidation.Run(provider);
        provider.GetRequiredService<Configuration.InstanceKeys>(); // enrolls this coordinator: nodes seal partials to it
        return provider;
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
