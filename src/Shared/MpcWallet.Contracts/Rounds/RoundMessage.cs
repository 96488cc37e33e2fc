namespace MpcWallet.Contracts.Rounds;

/// <summary>
/// Channel <c>mpc_rounds</c>: one protocol message between MPC nodes. A point-to-point message
/// (<see cref="Recipient"/> set) is sent to the recipient node's queue and carries one sealed copy; a broadcast
/// (<see cref="Recipient"/> null) is published to every node and carries one copy sealed for each other participant.
/// The copies are engine messages sealed by the channel layer, so the broker can neither read nor alter them
/// undetected. Receivers drop duplicates (by <see cref="MessageId"/>) and messages for unknown or finished sessions.
/// </summary>
public sealed record RoundMessage
{
    public required Guid MessageId { get; init; }

    /// <summary>The 32-byte session id, lowercase hex.</summary>
    public required string SessionId { get; init; }

    public required int Round { get; init; }

    /// <summary>Sending node id.</summary>
    public required string Sender { get; init; }

    /// <summary>Receiving node id; null for a broadcast.</summary>
    public string? Recipient { get; init; }

    public required IReadOnlyList<SealedCopy> Copies { get; init; }
}
