namespace MpcWallet.Infrastructure.Messaging;

/// <summary>The <c>Broker:RabbitMQ</c> section.</summary>
public sealed class RabbitMqBrokerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public ushort Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";

    /// <summary>AMQP over TLS (amqps, usually port 5671): the broker's certificate is checked (<see cref="CaCertificateFile"/>, <see cref="ServerName"/>).</summary>
    public bool UseTls { get; set; }

    /// <summary>PEM file of the CA that issues the broker's certificate (the broker must chain to it); unset: the system's trusted roots.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>The name the broker's certificate must carry (default: <see cref="Host"/>).</summary>
    public string? ServerName { get; set; }

    public string ExpectedServerName => string.IsNullOrWhiteSpace(ServerName) ? Host : ServerName;

    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{Username}@{Host}:{Port}{VirtualHost}";
}
