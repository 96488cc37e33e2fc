namespace MpcWallet.Infrastructure.Messaging;

/// <summary>
/// A queue a module needs: its name, the channel whose quality of service applies, and the consumer types to bind.
/// <paramref name="SentTo"/> marks a queue that senders address directly (a node's round queue, through its exchange:
/// <see cref="BrokerChannels.NodeRoundAddress"/>): it keeps the transport's default queue properties, as deployments
/// created it, and the channel's durability and TTL apply per message.
/// <paramref name="Temporary"/> marks a queue of one process instance (e.g. one coordinator's copy of every heartbeat):
/// never durable and deleted with its last consumer, whatever the channel's durability.
/// Modules declare plans; only the host's transport configuration turns them into endpoints.
/// </summary>
public sealed record ReceiveEndpointPlan(string QueueName, string Channel, IReadOnlyList<Type> Consumers, bool SentTo = false, bool Temporary = false);
