using MassTransit;

namespace MpcWallet.Infrastructure.Messaging;

/// <summary>Turns <see cref="BrokerChannels"/> and the modules' endpoint plans into transport configuration.</summary>
internal static class BrokerTopology
{
    public static void Apply(IBusFactoryConfigurator cfg, IBusRegistrationContext context, BrokerOptions options, IReadOnlyList<ReceiveEndpointPlan> endpoints)
    {
        foreach (var (type, name) in BrokerChannels.EntityNames)
        {
            SetEntityName(cfg, type, name);
        }

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

                if (e is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.Durable = settings.Durable;
                    rabbit.AutoDelete = !settings.Durable;
                    if (settings.TimeToLive is { } ttl)
                    {
                        rabbit.SetQueueArgument("x-message-ttl", (long)ttl.TotalMilliseconds);
                    }
                }

                foreach (var consumer in plan.Consumers)
                {
                    context.ConfigureConsumer(consumer, e);
                }
            });
        }
    }

    public static void ApplyRabbitMqPublishTopology(IRabbitMqBusFactoryConfigurator cfg, BrokerOptions options)
    {
        var transient = SettingsFor(options, BrokerChannels.Heartbeats);
        cfg.Publish<Contracts.Heartbeats.NodeHeartbeat>(p => p.Durable = transient.Durable);
        var rounds = SettingsFor(options, BrokerChannels.MpcRounds);
        cfg.Publish<Contracts.Rounds.RoundMessage>(p => p.Durable = rounds.Durable);
    }

    public static ChannelSettings SettingsFor(BrokerOptions options, string channel)
    {
        var settings = BrokerChannels.DefaultsFor(channel);
        return options.Channels.TryGetValue(channel, out var configured) ? configured.Clone() : settings;
    }

    private static void SetEntityName(IBusFactoryConfigurator cfg, Type messageType, string name)
    {
        var method = typeof(BrokerTopology).GetMethod(nameof(SetEntityNameOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        method.MakeGenericMethod(messageType).Invoke(null, [cfg, name]);
    }

    private static void SetEntityNameOf<T>(IBusFactoryConfigurator cfg, string name)
        where T : class => cfg.Message<T>(m => m.SetEntityName(name));
}
