using System.Security.Authentication;
using MpcWallet.Infrastructure.Security;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MpcWallet.Infrastructure.Messaging;

/// <summary>
/// Reads the depth of the fault queues of this process's receive endpoints (a message whose consumer kept throwing
/// lands in <c>&lt;queue&gt;_error</c>, see the README's broker section) for the operators' views. On RabbitMQ each is
/// declared passively (a fault queue nobody has faulted into yet does not exist: 0); answers are kept for a few
/// seconds so a console polling every second does not open a broker connection each time. Prometheus reads the
/// same depths from RabbitMQ's own exporter (docker/prometheus), not from here.
/// </summary>
public sealed class ErrorQueues(BrokerOptions options, IReadOnlyList<ReceiveEndpointPlan> endpoints) : IDisposable
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(3);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<ErrorQueueDepth> Depths)? _last;

    public async Task<IReadOnlyList<ErrorQueueDepth>> ReadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && DateTimeOffset.UtcNow - last.At < CacheFor)
            {
                return last.Depths;
            }

            var depths = options.Transport == BrokerTransport.RabbitMQ
                ? await ReadRabbitMqAsync(cancellationToken)
                : endpoints.Select(e => new ErrorQueueDepth(e.QueueName, ErrorQueueOf(e), null, $"the {options.Transport} transport keeps faults in process; not readable")).ToArray();
            _last = (DateTimeOffset.UtcNow, depths);
            return depths;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static string ErrorQueueOf(ReceiveEndpointPlan endpoint) => endpoint.QueueName + "_error";

    private async Task<IReadOnlyList<ErrorQueueDepth>> ReadRabbitMqAsync(CancellationToken cancellationToken)
    {
        var rabbit = options.RabbitMQ;
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host,
            Port = rabbit.Port,
            VirtualHost = rabbit.VirtualHost,
            UserName = rabbit.Username,
            Password = rabbit.Password,
            ClientProvidedName = "mpcwallet-error-queue-view",
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            Ssl = new SslOption
            {
                Enabled = rabbit.UseTls,
                ServerName = rabbit.ExpectedServerName,
                Version = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateValidationCallback = rabbit.UseTls ? ServerCertificateCheck.For(rabbit.CaCertificateFile) : null,
            },
        };
        var depths = new List<ErrorQueueDepth>();
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            IChannel? channel = null;
            try
            {
                foreach (var endpoint in endpoints)
                {
                    var name = ErrorQueueOf(endpoint);
                    channel ??= await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                    try
                    {
                        var queue = await channel.QueueDeclarePassiveAsync(name, cancellationToken);
                        depths.Add(new ErrorQueueDepth(endpoint.QueueName, name, queue.MessageCount, null));
                    }
                    catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
                    {
                        // Not declared yet: nothing ever faulted there. The broker closed the channel; open another.
                        depths.Add(new ErrorQueueDepth(endpoint.QueueName, name, 0, null));
                        await channel.DisposeAsync();
                        channel = null;
                    }
                }
            }
            finally
            {
                if (channel is not null)
                {
                    await channel.DisposeAsync();
                }
            }
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or TimeoutException or IOException)
        {
            var problem = $"the broker could not be asked: {e.GetType().Name}";
            return [.. depths, .. endpoints.Skip(depths.Count).Select(p => new ErrorQueueDepth(p.QueueName, ErrorQueueOf(p), null, problem))];
        }

        return depths;
    }
}
