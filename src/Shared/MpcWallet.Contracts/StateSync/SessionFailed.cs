namespace MpcWallet.Contracts.StateSync;

/// <summary>
/// Channel <c>state_sync</c>: a node's party aborted a session. <see cref="Culprit"/> names the node the engine
/// blamed (null when the failure cannot be attributed); <see cref="Banned"/> says the node now refuses that peer for
/// this wallet.
/// </summary>
public sealed record SessionFailed
{
    public required Guid MessageId { get; init; }

    public required string SessionId { get; init; }

    public required string Node { get; init; }

    public string? Culprit { get; init; }

    public required string Check { get; init; }

    public required bool Banned { get; init; }

    public required string Reason { get; init; }
}
