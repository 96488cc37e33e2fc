using System.Text.RegularExpressions;
using MassTransit;

namespace MpcWallet.Infrastructure.Messaging;

/// <summary>
/// What one process may do on the broker, as RabbitMQ's three permission patterns (configure, write, read) for its
/// user on the cluster's virtual host. Derived from what the process's modules really use, so a process reaches only
/// its own channels: it reads only its own queues (a node only its round queue; only coordinators read
/// <c>partial_signatures</c>), and writes only the channels its modules publish on (only the transaction service
/// writes <c>signature_requests</c>, only coordinators write <c>signatures_final</c>). See docs/security.md.
/// </summary>
/// <remarks>
/// RabbitMQ checks a pattern against a name whatever the resource (queue or exchange); MassTransit gives a receive
/// endpoint's queue and its exchange the same name. So a sender must never need read on another process's queue
/// name: senders address a node's round queue through its exchange (<see cref="BrokerChannels.NodeRoundAddress"/>),
/// which needs configure and write on that name but not read.
/// </remarks>
public sealed class BrokerPermissions
{
    // MassTransit publishes Fault<T> when a consumer gives up on a message, to exchanges it names itself.
    private const string FaultExchanges = "MassTransit:Fault--.*";

    /// <param name="endpoints">The process's receive endpoints (it consumes their queues).</param>
    /// <param name="published">The contracts the process's modules publish.</param>
    /// <param name="sentToPatterns">Regular expressions of the endpoint exchanges the process sends to directly.</param>
    public static BrokerPermissions For(IEnumerable<ReceiveEndpointPlan> endpoints, IEnumerable<Type> published, IEnumerable<string> sentToPatterns)
    {
        var ownNames = new SortedSet<string>(StringComparer.Ordinal);
        var consumedExchanges = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var plan in endpoints)
        {
            // The queue, its exchange, and where MassTransit moves messages it cannot deliver or that failed.
            ownNames.UnionWith([plan.QueueName, plan.QueueName + "_error", plan.QueueName + "_skipped"]);
            consumedExchanges.UnionWith(plan.Consumers.SelectMany(ConsumedMessages).Select(EntityNameOf));
        }

        var publishedExchanges = new SortedSet<string>(published.Select(EntityNameOf), StringComparer.Ordinal);
        var sentTo = sentToPatterns.ToArray();
        var own = ownNames.Select(Regex.Escape).ToArray();
        return new BrokerPermissions(
            [.. own, .. consumedExchanges.Concat(publishedExchanges).Select(Regex.Escape), .. sentTo, FaultExchanges],
            [.. own, .. publishedExchanges.Select(Regex.Escape), .. sentTo, FaultExchanges],
            // Read on an exchange only lets a process bind from it; read on a queue lets it consume: both only its own.
            [.. own, .. consumedExchanges.Select(Regex.Escape)]);
    }

    private BrokerPermissions(IEnumerable<string> configure, IEnumerable<string> write, IEnumerable<string> read)
    {
        ConfigureAlternatives = configure.Distinct(StringComparer.Ordinal).ToArray();
        WriteAlternatives = write.Distinct(StringComparer.Ordinal).ToArray();
        ReadAlternatives = read.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>RabbitMQ's configure pattern: the queues and exchanges the process may declare (and delete).</summary>
    public string Configure => Anchored(ConfigureAlternatives);

    /// <summary>RabbitMQ's write pattern: the exchanges it may publish to and the queues/exchanges it may bind to.</summary>
    public string Write => Anchored(WriteAlternatives);

    /// <summary>RabbitMQ's read pattern: the queues it may consume and the exchanges it may bind from.</summary>
    public string Read => Anchored(ReadAlternatives);

    private IReadOnlyList<string> ConfigureAlternatives { get; }

    private IReadOnlyList<string> WriteAlternatives { get; }

    private IReadOnlyList<string> ReadAlternatives { get; }

    private static IEnumerable<Type> ConsumedMessages(Type consumer) =>
        consumer.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0]);

    private static string EntityNameOf(Type message) =>
        BrokerChannels.EntityNames.TryGetValue(message, out var name) ? name : throw new ArgumentException($"{message.Name} is not a channel contract", nameof(message));

    private static string Anchored(IEnumerable<string> alternatives) => "^(" + string.Join('|', alternatives) + ")$";
}
