using MassTransit;
using MpcWallet.Contracts.Rounds;
using MpcWallet.Node;

namespace MpcWallet.EndToEndTests.Support;

/// <summary>
/// Fault injection for a test host: stops (gRPC down, broker ignored, no heartbeats) the recipient of the first
/// round-2 direct message once armed, i.e. a node dies in the middle of a signing session.
/// </summary>
public sealed class NodeKiller(IServiceProvider services) : IConsumeObserver
{
    private int _armed;
    private readonly TaskCompletionSource<string> _killed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> Killed => _killed.Task;

    public void Arm() => Interlocked.Exchange(ref _armed, 1);

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.Message is RoundMessage { Recipient: { } victim, Round: 2 } && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            // The node ignores the broker from now on (this very message included); its gRPC server shuts down
            // in the background.
            var stopping = NodeModule.StopLocalNodeAsync(services, victim);
            _ = stopping.ContinueWith(_ => _killed.TrySetResult(victim), TaskScheduler.Default);
        }

        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
