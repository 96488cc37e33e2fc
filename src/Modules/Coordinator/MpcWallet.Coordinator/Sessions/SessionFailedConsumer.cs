using MassTransit;
using MpcWallet.Contracts.StateSync;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// A participant's engine aborted the session: end it as failed in the store now (naming the culprit) instead of
/// waiting it out; the run that drives it — here or on another coordinator — sees the failure and retries.
/// </summary>
internal sealed class SessionFailedConsumer(SessionLedger ledger, ActiveSessions sessions) : IConsumer<SessionFailed>
{
    public async Task Consume(ConsumeContext<SessionFailed> context)
    {
        var failure = context.Message;
        var session = failure.SessionId is null ? null : await ledger.FindRunningAsync(failure.SessionId, context.CancellationToken);
        if (session is null || failure.Node is null || !session.ParticipantList.Contains(failure.Node))
        {
            sessions.CountIgnored();
            return;
        }

        var culprit = failure.Culprit is { } c && session.ParticipantList.Contains(c) ? c : null;
        var blame = culprit is null ? "no culprit named" : $"culprit {culprit}{(failure.Banned ? ", banned" : "")}";
        await ledger.FailAsync(session.Id, SessionOutcome.Failed($"node {failure.Node} aborted: {failure.Check} ({blame})", culprit is null ? [] : [culprit]), context.CancellationToken);
    }
}
