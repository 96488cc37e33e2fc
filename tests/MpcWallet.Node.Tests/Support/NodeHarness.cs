using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using MpcWallet.Infrastructure.Messaging;
using MpcWallet.Infrastructure.Modules;
using MpcWallet.Infrastructure.Trust;

namespace MpcWallet.Node.Tests.Support;

/// <summary>
/// Three nodes of the node module on the in-memory test harness, registered by the module itself (its options,
/// services, and consumers from its endpoint plans) exactly as the host does.
/// </summary>
internal static class NodeHarness
{
    /// <summary>Specs on this harness run one at a time: each runs real protocol sessions on two shared cores, and the harness's inactivity timeout is short.</summary>
    public const string Collection = "node harness";

    /// <summary>The coordinator instance enrolled with every harness (resolve its <see cref="CoordinatorIdentity"/> keyed by this id).</summary>
    public const string HarnessCoordinatorId = "harness-coordinator";

    /// <param name="extra">more registrations after the module's (e.g. a test engine replacing the real one).</param>
    public static ServiceProvider Build(string dataDirectory, Action<IServiceCollection>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DataDirectory"] = dataDirectory,
            ["Node:CreateDevelopmentKeys"] = "true",
            ["Node:HeartbeatInterval"] = "01:00:00",
        };
        for (var i = 0; i < 3; i++)
        {
            settings[$"Cluster:Nodes:{i}:Id"] = $"node-{i + 1}";
            settings[$"Cluster:Nodes:{i}:GrpcEndpoint"] = "http://127.0.0.1:0";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var module = new NodeModule();
        var context = new ModuleContext(configuration, [module.Name]);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new TestEnvironment());
        // Development trust: the nodes enroll as they open; a test coordinator enrolls its own key (TestCommands). The
        // harness's coordinator is enrolled from the start: nodes seal their partial signatures to it.
        var trust = ClusterTrust.Development(dataDirectory);
        var coordinator = CoordinatorIdentity.LoadOrCreate(Path.Combine(dataDirectory, HarnessCoordinatorId + ".key"));
        trust.EnrollDevelopmentCoordinator(coordinator.ManifestEntry(HarnessCoordinatorId));
        services.AddSingleton(trust);
        services.AddKeyedSingleton(HarnessCoordinatorId, coordinator);
        module.AddOptions(services, context);
        module.AddServices(services, context);
        extra?.Invoke(services);
        services.AddMassTransitTestHarness(bus => bus.AddReceiveEndpoints(new BrokerOptions(), module.ReceiveEndpoints(context)));
        var provider = services.BuildServiceProvider(true);
        StartupValidation.Run(provider);
        return provider;
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "MpcWallet.Node.Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
