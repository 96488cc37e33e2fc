namespace MpcWallet.Infrastructure.Messaging;

/// <summary>The <c>Broker</c> configuration section.</summary>
public sealed class BrokerOptions
{
    public const string Section = "Broker";

    public BrokerTransport Transport { get; set; } = BrokerTransport.InMemory;

    public RabbitMqBrokerOptions RabbitMQ { get; set; } = new();

    /// <summary>Per-channel overrides of <see cref="BrokerChannels"/>' defaults, keyed by channel name.</summary>
    public Dictionary<string, ChannelSettings> Channels { get; set; } = [];

    /// <summary>Only used by builds with Azure Service Bus support.</summary>
    public string? AzureServiceBusConnectionString { get; set; }
}
