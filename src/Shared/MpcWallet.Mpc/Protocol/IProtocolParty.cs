namespace MpcWallet.Mpc.Protocol;

/// <summary>
/// One party's state machine for one protocol run (key generation, refresh or signing).
/// <para>
/// <see cref="Start"/> returns the first round's outbound messages. <see cref="Receive"/> accepts a message for the
/// current round (or buffers one for the next round); when the last expected message of a round arrives it returns
/// the next round's outbound messages (or completes). A message for another session, an unexpected round, from a
/// sender outside the participant set, addressed to someone else, or a second one from the same sender in the same
/// round is rejected with <see cref="ProtocolMessageRejectedException"/> and leaves the state unchanged. A failed
/// protocol check throws <see cref="ProtocolAbortException"/> naming the culprit; any other exception inside a round
/// becomes a <see cref="ProtocolAbortException"/> with check <see cref="AbortChecks.InternalError"/> (no culprit, the
/// original as inner exception). Either way the party has erased its secrets and every later call rethrows the abort.
/// </para>
/// </summary>
public interface IProtocolParty<out TOutput>
    where TOutput : class
{
    SessionId SessionId { get; }

    int Self { get; }

    IReadOnlyList<int> Participants { get; }

    /// <summary>The round whose messages the party is waiting for (1-based); 0 before Start.</summary>
    int Round { get; }

    bool IsComplete { get; }

    IReadOnlyList<ProtocolMessage> Start();

    IReadOnlyList<ProtocolMessage> Receive(ProtocolMessage message);

    /// <summary>The result; throws InvalidOperationException before completion.</summary>
    TOutput Output { get; }
}
