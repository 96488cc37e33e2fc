using MpcWallet.Infrastructure.Security;
using MpcWallet.Testing;
using MpcWallet.Testing.Split;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace MpcWallet.DeploymentTests;

/// <summary>What one process's broker user may do, tried directly with the RabbitMQ client (as a thief of that process's credentials would).</summary>
internal static class BrokerAccess
{
    private const ushort AccessRefused = 403;

    /// <summary>Consuming <paramref name="queue"/> as <paramref name="user"/> is refused by the broker.</summary>
    public static async Task AssertCannotReadAsync(string virtualHost, BrokerUsers.Credentials user, string queue)
    {
        await using var connection = await ConnectAsync(virtualHost, user);
        await using var channel = await connection.CreateChannelAsync();
        var refusal = await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.BasicConsumeAsync(queue, autoAck: true, new AsyncEventingBasicConsumer(channel)));
        Assert.True(refusal.ShutdownReason?.ReplyCode == AccessRefused, $"{user.User} reading {queue}: {refusal.Message}");
    }

    /// <summary>Publishing to <paramref name="exchange"/> as <paramref name="user"/> is refused (the broker closes the channel).</summary>
    public static async Task AssertCannotWriteAsync(string virtualHost, BrokerUsers.Credentials user, string exchange)
    {
        await using var connection = await ConnectAsync(virtualHost, user);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var refusal = await Assert.ThrowsAnyAsync<Exception>(async () => await channel.BasicPublishAsync(exchange, "", "forged"u8.ToArray()));
        var reason = (refusal as OperationInterruptedException)?.ShutdownReason ?? (refusal as AlreadyClosedException)?.ShutdownReason ?? channel.CloseReason;
        Assert.True(reason?.ReplyCode == AccessRefused, $"{user.User} writing {exchange}: {refusal.GetType().Name} {refusal.Message}");
    }

    /// <summary>Consuming <paramref name="queue"/> as <paramref name="user"/> works (the control case: the refusals above are about rights, not about a wrong login).</summary>
    public static async Task AssertCanReadAsync(string virtualHost, BrokerUsers.Credentials user, string queue)
    {
        await using var connection = await ConnectAsync(virtualHost, user);
        await using var channel = await connection.CreateChannelAsync();
        var passive = await channel.QueueDeclarePassiveAsync(queue);
        Assert.Equal(queue, passive.QueueName);
    }

    /// <summary>A connection as <paramref name="user"/> over the broker's amqps listener, as the processes connect (the broker's certificate checked against the test CA).</summary>
    public static Task<IConnection> ConnectAsync(string virtualHost, BrokerUsers.Credentials user) =>
        Factory(virtualHost, user, tls: true).CreateConnectionAsync();

    /// <summary>A connection factory for <paramref name="user"/> on the amqps listener, speaking TLS or (<paramref name="tls"/> false) cleartext AMQP to it.</summary>
    public static ConnectionFactory Factory(string virtualHost, BrokerUsers.Credentials user, bool tls, string? serverName = null, string? caCertificateFile = null) => new()
    {
        HostName = "127.0.0.1",
        Port = TestRabbitMq.TlsPort,
        VirtualHost = virtualHost,
        UserName = user.User,
        Password = user.Password,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        Ssl = new SslOption
        {
            Enabled = tls,
            ServerName = serverName ?? "127.0.0.1",
            CertificateValidationCallback = ServerCertificateCheck.For(caCertificateFile ?? TestCertificateAuthority.CertificateFile),
        },
    };
}
