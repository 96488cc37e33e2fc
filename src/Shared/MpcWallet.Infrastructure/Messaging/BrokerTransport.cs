namespace MpcWallet.Infrastructure.Messaging;

/// <summary>The broker a process uses (<c>Broker:Transport</c>).</summary>
public enum BrokerTransport
{
    /// <summary>Single process only, not durable: dev mode and tests.</summary>
    InMemory,
    RabbitMQ,

    /// <summary>Only in builds with <c>-p:EnableAzureServiceBus=true</c>; its package is not restorable here.</summary>
    AzureServiceBus,
}
