namespace MpcWallet.Contracts.Rounds;

/// <summary>
/// Channel <c>mpc_rounds</c>: one protocol message between MPC nodes. A point-to-point message
/// (<see cref="Recipient"/> set) is sent to the recipient node's queue, encrypted for it; a broadcast
/// (<see cref="Recipient"/> null) is published to every node, signed by the sender. <see cref="Payload"/> is the
/// channel layer's sealed frame, which authenticates session, round, sender and recipient too: the broker can
/// neither read direct messages nor alter anything undetected. Receivers drop duplicates (by
/// <see cref="MessageId"/>) and messages for unknown or finished sessions.
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

    public required byte[] Payload { get; init; }
}
