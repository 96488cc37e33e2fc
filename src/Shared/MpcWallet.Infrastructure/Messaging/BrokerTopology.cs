using MassTransit;

namespace MpcWallet.Infrastructure.Messaging;

/// <summary>Turns <see cref="BrokerChannels"/> and the modules' endpoint plans into transport configuration.</summary>
internal static class BrokerTopology
{
    /// <summary>Entity names first: a transport's publish settings evaluate them.</summary>
    public static void ApplyEntityNames(IBusFactoryConfigurator cfg)
    {
        foreach (var (type, name) in BrokerChannels.EntityNames)
        {
            SetEntityName(cfg, type, name);
        }
    }

    public static void Apply(IBusFactoryConfigurator cfg, IBusRegistrationContext context, BrokerOptions options, IReadOnlyList<ReceiveEndpointPlan> endpoints)
    {
        foreach (var plan in endpoints)
        {
            var settings = SettingsFor(options, plan.Channel);
            cfg.ReceiveEndpoint(plan.QueueName, e =>
            {
                e.PrefetchCount = settings.Prefetch;
                if (settings.ConcurrencyLimit is { } limit)
                {
                    e.ConcurrentMessageLimit = limit;
                }
                if (settings.RetryCount > 0)
                {
                    e.UseMessageRetry(r => r.Interval(settings.RetryCount, settings.RetryInterval));
                }

                if (e is IRabbitMqReceiveEndpointConfigurator rabbit && !plan.SentTo)
                {
                    rabbit.Durable = settings.Durable && !plan.Temporary;
                    rabbit.AutoDelete = !settings.Durable || plan.Temporary;
                    if (settings.TimeToLive is { } ttl)
                    {
                        rabbit.SetQueueArgument("x-message-ttl", (long)ttl.TotalMilliseconds);
                    }
                }

#if AZURE_SERVICE_BUS
                // Service Bus keeps every message durably; the channel's TTL becomes the queue's default message TTL
                // (expired short-term messages vanish, as on RabbitMQ). Faults go to <queue>_error as on RabbitMQ
                // (MassTransit's error transport), so the broker's own delivery count and dead-letter queue stay at
                // their defaults. Senders do not redeclare existing queues here, so round queues get it too.
                if (e is IServiceBusReceiveEndpointConfigurator serviceBus && settings.TimeToLive is { } queueTtl)
                {
                    serviceBus.DefaultMessageTimeToLive = queueTtl;
                }

#endif
                foreach (var consumer in plan.Consumers)
                {
                    context.ConfigureConsumer(consumer, e);
                }
            });
        }
    }

    /// <summary>Every message leaves with its channel's delivery mode (persistent or not) and time to live.</summary>
    public static void ApplyMessageQualityOfService(IBusFactoryConfigurator cfg, BrokerOptions options)
    {
        var byType = BrokerChannels.EntityNames.Keys.ToDictionary(
            t => typeof(SendContext<>).MakeGenericType(t),
            t => SettingsFor(options, BrokerChannels.ChannelOf(t)));
        cfg.ConfigureSend(pipe => pipe.UseSendExecute(context => Stamp(context, byType)));
        cfg.ConfigurePublish(pipe => pipe.UseExecute(context => Stamp(context, byType)));
    }

    public static ChannelSettings SettingsFor(BrokerOptions options, string channel)
    {
        var settings = BrokerChannels.DefaultsFor(channel);
        return options.Channels.TryGetValue(channel, out var configured) ? configured.Clone() : settings;
    }

    private static void Stamp(SendContext context, Dictionary<Type, ChannelSettings> byType)
    {
        foreach (var (contextType, settings) in byType)
        {
            if (contextType.IsInstanceOfType(context))
            {
                context.Durable = settings.Durable;
                if (settings.TimeToLive is { } ttl)
                {
                    context.TimeToLive = ttl;
                }

                return;
            }
        }
    }

    private static void SetEntityName(IBusFactoryConfigurator cfg, Type messageType, string name)
    {
        var method = typeof(BrokerTopology).GetMethod(nameof(SetEntityNameOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        method.MakeGenericMethod(messageType).Invoke(null, [cfg, name]);
    }

    private static void SetEntityNameOf<T>(IBusFactoryConfigurator cfg, string name)
        where T : class => cfg.Message<T>(m => m.SetEntityName(name));
}
