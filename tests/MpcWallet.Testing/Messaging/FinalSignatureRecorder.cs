using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Infrastructure.Messaging;

namespace MpcWallet.Testing.Messaging;

/// <summary>
/// A downstream consumer of <c>signatures_final</c> on its own queue (as the transaction service has), recording every
/// delivery with its broker message id, so a test can count finalizations per signature.
/// </summary>
public sealed class FinalSignatureRecorder : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IBusControl _bus;

    private FinalSignatureRecorder(ServiceProvider provider)
    {
        _provider = provider;
        _bus = provider.GetRequiredService<IBusControl>();
    }

    public ConcurrentQueue<(Guid? MessageId, SignatureFinalized Message)> Deliveries => _provider.GetRequiredService<DeliveryLog>().Items;

    public static async Task<FinalSignatureRecorder> StartAsync(string virtualHost)
    {
        var options = new BrokerOptions { Transport = BrokerTransport.RabbitMQ, RabbitMQ = { Host = "127.0.0.1", Port = (ushort)TestRabbitMq.Port, VirtualHost = virtualHost } };
        var services = new ServiceCollection().AddLogging().AddSingleton<DeliveryLog>();
        services.AddMassTransit(bus => bus.AddReceiveEndpoints(options, [new ReceiveEndpointPlan(BrokerChannels.SignaturesFinal + ".recorder", BrokerChannels.SignaturesFinal, [typeof(Recorder)])]));
        var provider = services.BuildServiceProvider();
        var recorder = new FinalSignatureRecorder(provider);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await recorder._bus.StartAsync(timeout.Token);
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.StopAsync();
        await _provider.DisposeAsync();
    }

    internal sealed class DeliveryLog
    {
        public ConcurrentQueue<(Guid? MessageId, SignatureFinalized Message)> Items { get; } = new();
    }

    internal sealed class Recorder(DeliveryLog deliveries) : IConsumer<SignatureFinalized>
    {
        public Task Consume(ConsumeContext<SignatureFinalized> context)
        {
            deliveries.Items.Enqueue((context.MessageId, context.Message));
            return Task.CompletedTask;
        }
    }
}
