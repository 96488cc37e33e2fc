namespace MpcWallet.Contracts.Events;

/// <summary>Channel <c>events</c>: a node missed its heartbeats and counts as offline.</summary>
public sealed record NodeWentOffline
{
    public required Guid MessageId { get; init; }

    public required string Node { get; init; }

    public required DateTimeOffset At { get; init; }
}
