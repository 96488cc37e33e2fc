using System.Security.Authentication;
using MassTransit;
using MassTransit.UsageTracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Infrastructure.Security;

namespace MpcWallet.Infrastructure.Messaging;

/// <summary>
/// The host's single bus: the consumers of the modules' endpoint plans are registered from the plans, the configured
/// transport is selected here and nowhere else, and every plan becomes an endpoint with its channel's quality of
/// service. MassTransit's usage telemetry is off (<see cref="SilentUsageTracker"/>).
/// </summary>
public static class MessagingServiceCollectionExtensions
{
    public static IServiceCollection AddMpcWalletBus(
        this IServiceCollection services,
        IConfiguration configuration,
        IReadOnlyList<ReceiveEndpointPlan> endpoints)
    {
        var options = configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();
        services.AddSingleton(options);
        services.AddSingleton(_ => new ErrorQueues(options, endpoints));

        // Before AddMassTransit, which only adds its own tracker when none is registered.
        services.AddSingleton<IUsageTracker, SilentUsageTracker>();
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddReceiveEndpoints(options, endpoints);
        });
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(30);
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return services;
    }

    /// <summary>
    /// Registers the consumers of <paramref name="endpoints"/> (each once) and creates the endpoints on the transport
    /// named by <see cref="BrokerOptions.Transport"/>: the one way a consumer gets onto a bus, in the host and in
    /// harness tests, so a queue and its consumers are written down once, in the module's plans.
    /// </summary>
    public static void AddReceiveEndpoints(this IBusRegistrationConfigurator bus, BrokerOptions options, IReadOnlyList<ReceiveEndpointPlan> endpoints)
    {
        foreach (var consumer in endpoints.SelectMany(e => e.Consumers).Distinct())
        {
            bus.AddConsumer(consumer);
        }

        UseConfiguredTransport(bus, options, endpoints);
    }

    private static void UseConfiguredTransport(IBusRegistrationConfigurator bus, BrokerOptions options, IReadOnlyList<ReceiveEndpointPlan> endpoints)
    {
        switch (options.Transport)
        {
            case BrokerTransport.InMemory:
                bus.UsingInMemory((context, cfg) =>
                {
                    BrokerTopology.ApplyEntityNames(cfg);
                    BrokerTopology.ApplyMessageQualityOfService(cfg, options);
                    BrokerTopology.Apply(cfg, context, options, endpoints);
                });
                break;
            case BrokerTransport.RabbitMQ:
                bus.UsingRabbitMq((context, cfg) =>
                {
                    var rabbit = options.RabbitMQ;
                    cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);

                        // Publish and send complete only once the broker has taken the message (and, for a
                        // persistent message on a durable queue, written it): a publish that fails while the
                        // broker is down throws to the caller (outbox, node) instead of being lost in a buffer.
                        h.PublisherConfirmation = true;
                        if (rabbit.UseTls)
                        {
                            h.UseSsl(ssl =>
                            {
                                ssl.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
                                ssl.ServerName = rabbit.ExpectedServerName;
                                ssl.CertificateValidationCallback = ServerCertificateCheck.For(rabbit.CaCertificateFile);
                            });
                        }
                    });
                    BrokerTopology.ApplyEntityNames(cfg);
                    BrokerTopology.ApplyMessageQualityOfService(cfg, options);
                    BrokerTopology.Apply(cfg, context, options, endpoints);
                });
                break;
            case BrokerTransport.AzureServiceBus:
#if AZURE_SERVICE_BUS
                bus.UsingAzureServiceBus((context, cfg) =>
                {
                    cfg.Host(options.AzureServiceBusConnectionString);
                    BrokerTopology.ApplyEntityNames(cfg);
                    BrokerTopology.ApplyMessageQualityOfService(cfg, options);
                    BrokerTopology.Apply(cfg, context, options, endpoints);
                });
                break;
#else
                throw new InvalidOperationException(
                    "Broker:Transport=AzureServiceBus needs a build with -p:EnableAzureServiceBus=true (its package is not available in this environment).");
#endif
            default:
                throw new InvalidOperationException($"unknown Broker:Transport '{options.Transport}'");
        }
    }
}
