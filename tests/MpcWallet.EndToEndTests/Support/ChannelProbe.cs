using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Infrastructure.Messaging;

namespace MpcWallet.EndToEndTests.Support;

/// <summary>
/// A test's own bus on a RabbitMQ virtual host, configured by the product's transport code (entity names, channel
/// quality of service): it publishes like a module does and follows <c>signatures_final</c> on its own durable
/// queue, recording every finalization it receives (redeliveries included), and, when asked, the transaction
/// service's <c>TransactionStatusChanged</c> events on <c>events</c> (with their transport message ids).
/// </summary>
public sealed class ChannelProbe : IAsyncDisposable
{
    public const string FinalQueue = BrokerChannels.SignaturesFinal + ".probe";
    public const string EventsQueue = BrokerChannels.Events + ".probe";

    private readonly ServiceProvider _services;

    private ChannelProbe(ServiceProvider services)
    {
        _services = services;
    }

    public IBus Bus => _services.GetRequiredService<IBus>();

    public ConcurrentQueue<SignatureFinalized> Finalized => _services.GetRequiredService<FinalizationLog>().Received;

    /// <summary>Every <c>TransactionStatusChanged</c> received (when started with <c>followEvents</c>), with the message id it was delivered under.</summary>
    public ConcurrentQueue<(Guid? MessageId, TransactionStatusChanged Message)> StatusChanges => _services.GetRequiredService<FinalizationLog>().StatusChanges;

    /// <param name="channels">Per-channel overrides, as <c>Broker:Channels</c> would give them.</param>
    /// <param name="followEvents">Also follow <c>events</c> on its own durable queue (<see cref="EventsQueue"/>).</param>
    public static async Task<ChannelProbe> StartAsync(int port, string virtualHost, Dictionary<string, ChannelSettings>? channels = null, bool followEvents = false)
    {
        var options = new BrokerOptions
        {
            Transport = BrokerTransport.RabbitMQ,
            RabbitMQ = new RabbitMqBrokerOptions { Host = "127.0.0.1", Port = (ushort)port, VirtualHost = virtualHost },
            Channels = channels ?? [],
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<FinalizationLog>();
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            List<ReceiveEndpointPlan> plans = [new(FinalQueue, BrokerChannels.SignaturesFinal, [typeof(FinalizationRecorder)])];
            if (followEvents)
            {
                plans.Add(new(EventsQueue, BrokerChannels.Events, [typeof(StatusChangeRecorder)]));
            }

            bus.AddReceiveEndpoints(options, plans);
        });
        var provider = services.BuildServiceProvider();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await provider.GetRequiredService<IBusControl>().StartAsync(timeout.Token);
        return new ChannelProbe(provider);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.GetRequiredService<IBusControl>().StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }

    private sealed class FinalizationLog
    {
        public ConcurrentQueue<SignatureFinalized> Received { get; } = new();

        public ConcurrentQueue<(Guid?, TransactionStatusChanged)> StatusChanges { get; } = new();
    }

    private sealed class StatusChangeRecorder(FinalizationLog log) : IConsumer<TransactionStatusChanged>
    {
        public Task Consume(ConsumeContext<TransactionStatusChanged> context)
        {
            log.StatusChanges.Enqueue((context.MessageId, context.Message));
            return Task.CompletedTask;
        }
    }

    private sealed class FinalizationRecorder(FinalizationLog log) : IConsumer<SignatureFinalized>
    {
        public Task Consume(ConsumeContext<SignatureFinalized> context)
        {
            log.Received.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
