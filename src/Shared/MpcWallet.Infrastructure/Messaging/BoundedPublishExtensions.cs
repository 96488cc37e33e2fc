using MassTransit;

namespace MpcWallet.Infrastructure.Messaging;

/// <summary>
/// Publishing that gives up after a bound. With publisher confirms, a publish waits for the broker's confirm; across a
/// broker restart that wait was seen to hang on the dead channel until the caller's token was cancelled (MassTransit
/// 8.5 on RabbitMQ), which stalled loops that publish periodically (heartbeats, the outbox). Bounded, the publish
/// fails with <see cref="TimeoutException"/> and the caller's next attempt gets a live channel.
/// </summary>
public static class BoundedPublishExtensions
{
    public static async Task PublishWithin<T>(this IPublishEndpoint bus, T message, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await bus.Publish(message, bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"publishing {typeof(T).Name} did not complete within {timeout}");
        }
    }

    public static async Task PublishWithin(this IPublishEndpoint bus, object message, Type messageType, IPipe<PublishContext> pipe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await bus.Publish(message, messageType, pipe, bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"publishing {messageType.Name} did not complete within {timeout}");
        }
    }

    public static async Task SendWithin<T>(this ISendEndpoint endpoint, T message, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await endpoint.Send(message, bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"sending {typeof(T).Name} did not complete within {timeout}");
        }
    }
}
