namespace MpcWallet.Contracts.StateSync;

/// <summary>Channel <c>state_sync</c>: what a node holds (wallet → key version) and its last finished session.</summary>
public sealed record NodeStateHint
{
    public required Guid MessageId { get; init; }

    public required string Node { get; init; }

    public required IReadOnlyList<HeldKeyVersion> Keys { get; init; }

    public string? LastSessionId { get; init; }

    public required DateTimeOffset At { get; init; }
}
