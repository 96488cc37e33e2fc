namespace MpcWallet.Contracts.Events;

/// <summary>Channel <c>events</c>: the coordinator started receiving a node's heartbeats.</summary>
public sealed record NodeWentOnline
{
    public required Guid MessageId { get; init; }

    public required string Node { get; init; }

    public required DateTimeOffset At { get; init; }
}
