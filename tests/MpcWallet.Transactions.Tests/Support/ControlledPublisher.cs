using System.Reflection;
using MassTransit;

namespace MpcWallet.Transactions.Tests.Support;

/// <summary>
/// A publisher in front of a real bus that fails on demand: publishes hang until cancelled (a confirm that never
/// comes, as seen across a broker restart), or throw from the <see cref="FailFrom"/>-th publish on.
/// </summary>
public class ControlledPublisher : DispatchProxy
{
    private IPublishEndpoint? _inner;
    private int _published;

    /// <summary>Every publish waits until its cancellation token fires.</summary>
    public bool Hang { get; set; }

    /// <summary>Publishes from this one on (1-based) throw as a lost broker connection would.</summary>
    public int FailFrom { get; set; } = int.MaxValue;

    public int Published => _published;

    public static (IPublishEndpoint Publisher, ControlledPublisher Control) Over(IPublishEndpoint inner)
    {
        var publisher = Create<IPublishEndpoint, ControlledPublisher>();
        var control = (ControlledPublisher)(object)publisher;
        control._inner = inner;
        return (publisher, control);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IPublishEndpoint.Publish))
        {
            if (Hang)
            {
                return Task.Delay(Timeout.Infinite, args!.OfType<CancellationToken>().LastOrDefault());
            }

            if (Interlocked.Increment(ref _published) >= FailFrom)
            {
                return Task.FromException(new InvalidOperationException("the broker connection is gone"));
            }
        }

        return targetMethod.Invoke(_inner, args);
    }
}
