namespace MpcWallet.Infrastructure.Messaging;

/// <summary>The <c>Broker:RabbitMQ</c> section.</summary>
public sealed class RabbitMqBrokerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public ushort Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";

    public override string ToString() => $"amqp://{Username}@{Host}:{Port}{VirtualHost}";
}
