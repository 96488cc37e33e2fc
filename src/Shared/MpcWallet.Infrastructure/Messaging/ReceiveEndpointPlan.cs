namespace MpcWallet.Infrastructure.Messaging;

/// <summary>
/// A queue a module needs: its name, the channel whose quality of service applies, and the consumer types to bind.
/// Modules declare plans; only the host's transport configuration turns them into endpoints.
/// </summary>
public sealed record ReceiveEndpointPlan(string QueueName, string Channel, IReadOnlyList<Type> Consumers);
