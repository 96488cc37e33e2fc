using System.Collections.Concurrent;
using MassTransit;
using MpcWallet.Contracts.Events;

namespace MpcWallet.Bench.Transactions;

/// <summary>Records, from the <c>events</c> channel, when each transaction's statuses were committed (server clock).</summary>
internal sealed class StatusObserver
{
    private HostReceiveEndpointHandle? _endpoint;

    public ConcurrentDictionary<string, ConcurrentDictionary<string, DateTimeOffset>> Statuses { get; } = new();

    public async Task StartAsync(IBus bus)
    {
        _endpoint = bus.ConnectReceiveEndpoint("events.bench-observer-" + Guid.NewGuid().ToString("N")[..8], e => e.Handler<TransactionStatusChanged>(c =>
        {
            Statuses.GetOrAdd(c.Message.TransactionId, _ => new())[c.Message.NewStatus] = c.Message.At;
            return Task.CompletedTask;
        }));
        await _endpoint.Ready;
    }

    public bool Reached(string id, string status) => Statuses.TryGetValue(id, out var seen) && seen.ContainsKey(status);

    public DateTimeOffset? At(string id, string status) => Statuses.TryGetValue(id, out var seen) && seen.TryGetValue(status, out var at) ? at : null;
}
