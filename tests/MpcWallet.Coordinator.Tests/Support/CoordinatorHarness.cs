using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Registry;
using MpcWallet.Coordinator.Sessions;
using MpcWallet.Infrastructure.Cluster;
using MpcWallet.Infrastructure.Messaging;

namespace MpcWallet.Coordinator.Tests.Support;

/// <summary>The coordinator's consumers on the in-memory test harness, registered and routed exactly as the host does.</summary>
internal static class CoordinatorHarness
{
    public static ServiceProvider Build(Action<IServiceCollection>? extra = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new ClusterOptions { Nodes = [new() { Id = "node-1", GrpcEndpoint = "http://127.0.0.1:1" }, new() { Id = "node-2", GrpcEndpoint = "http://127.0.0.1:2" }, new() { Id = "node-3", GrpcEndpoint = "http://127.0.0.1:3" }] })
            .AddSingleton(new CoordinatorOptions())
            .AddSingleton(TimeProvider.System)
            .AddSingleton<NodeRegistry>()
            .AddSingleton<ActiveSessions>();
        extra?.Invoke(services);
        services.AddMassTransitTestHarness(bus =>
        {
            bus.AddCoordinatorConsumers();
            bus.UseConfiguredTransport(new BrokerOptions(), CoordinatorModule.CoordinatorEndpoints());
        });
        return services.BuildServiceProvider(true);
    }
}
