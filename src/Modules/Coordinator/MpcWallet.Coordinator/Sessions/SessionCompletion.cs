using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// After a report was stored: when every participant has reported, whichever coordinator stored the last one hands
/// the session to the result handler of its purpose (<see cref="ISessionResultHandler"/>), which ends it with its
/// result, and tells the local run if it is this process's. Concurrent completers are harmless: the store lets
/// exactly one of them end the session and publish.
/// </summary>
internal sealed class SessionCompletion(CoordinatorStore store, SessionLedger ledger, IEnumerable<ISessionResultHandler> handlers, ActiveSessions local)
{
    private readonly Dictionary<SessionPurpose, ISessionResultHandler> _handlers = handlers.ToDictionary(h => h.Purpose);

    /// <summary>
    /// Completes the request's running sessions whose reports are all in: a coordinator may have died after storing
    /// the last report and before completing. Run when a coordinator (re)starts work on a request.
    /// </summary>
    public async Task RecoverAsync(string resourceId, CancellationToken cancellationToken)
    {
        List<SessionRecord> running;
        await using (var context = store.Open())
        {
            running = await context.Sessions.AsNoTracking().Where(s => s.ResourceId == resourceId && s.Status == SessionStatus.Running).ToListAsync(cancellationToken);
        }

        foreach (var session in running)
        {
            await TryCompleteAsync(session, cancellationToken);
        }
    }

    public async Task TryCompleteAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        var reports = await ledger.ReportsAsync(session.Id, cancellationToken);
        var participants = session.ParticipantList;
        var byNode = reports.Where(r => participants.Contains(r.Node)).ToDictionary(r => r.Node);
        if (byNode.Count < participants.Count)
        {
            return;
        }

        var mine = local.Find(session.Id);
        if (mine is not null && !mine.TryBeginCompletion())
        {
            return;
        }

        var ordered = participants.Select(p => byNode[p]).ToArray();
        SessionOutcome outcome;
        try
        {
            outcome = SessionPurposes.Parse(session.Purpose) is { } purpose && _handlers.TryGetValue(purpose, out var handler)
                ? await handler.CompleteAsync(session, ordered, cancellationToken)
                : await ledger.FailAsync(session.Id, SessionOutcome.Failed($"no result handler for sessions of purpose '{session.Purpose}'"), cancellationToken);
        }
        catch
        {
            mine?.CompletionAbandoned();
            throw;
        }

        mine?.Resolve(outcome);
    }
}
