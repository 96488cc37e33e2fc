using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator.Configuration;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Infrastructure.Outbox;
using MpcWallet.Infrastructure.Persistence;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// Sessions and their reports in the store, shared by every coordinator: a report is stored at most once per
/// (session, node); a session ends exactly once (running → completed or failed, by a conditional update), so a
/// coordinator that loses a race reads the winner's outcome instead of writing its own. On SQLite (one file, one
/// coordinator) the reports of the sessions this process drives stay in memory: nobody else could consume them, and
/// a restart re-runs the request anyway; that saves a write per participant in single-host mode.
/// </summary>
internal sealed class SessionLedger(CoordinatorStore store, ActiveSessions local, CoordinatorOptions options, TimeProvider time)
{
    /// <param name="alsoInTransaction">more changes to commit with the session (the request's attempt count).</param>
    public async Task StartAsync(ActiveSession session, TimeSpan lifetime, CancellationToken cancellationToken, Action<CoordinatorDbContext>? alsoInTransaction = null)
    {
        var now = time.GetUtcNow();
        await using var context = store.Open();
        context.Sessions.Add(new SessionRecord
        {
            Id = session.Key,
            Purpose = SessionPurposes.Name(session.Purpose),
            ResourceId = session.ResourceId,
            Participants = string.Join(",", session.Participants),
            Owner = options.InstanceId,
            StartedAt = now.ToUnixTimeMilliseconds(),
            ExpiresAt = (now + lifetime).ToUnixTimeMilliseconds(),
            Status = SessionStatus.Running,
            Suspects = "",
        });
        alsoInTransaction?.Invoke(context);
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A running session: from this process's own sessions when it drives it, else from the store.</summary>
    public async Task<SessionRecord?> FindRunningAsync(string id, CancellationToken cancellationToken)
    {
        if (local.Find(id) is { } mine)
        {
            return new SessionRecord
            {
                Id = mine.Key,
                Purpose = SessionPurposes.Name(mine.Purpose),
                ResourceId = mine.ResourceId,
                Participants = string.Join(",", mine.Participants),
                Owner = options.InstanceId,
                StartedAt = 0,
                ExpiresAt = long.MaxValue,
                Status = SessionStatus.Running,
                Suspects = "",
            };
        }

        await using var context = store.Open();
        var record = await context.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return record is { Status: SessionStatus.Running } ? record : null;
    }

    /// <summary>Stores a participant's report; false when that node already reported for the session (a redelivery or a replay).</summary>
    public async Task<bool> AddReportAsync(string sessionId, string node, string payload, CancellationToken cancellationToken)
    {
        var report = new SessionReportRecord { SessionId = sessionId, Node = node, Payload = payload, ReceivedAt = time.GetUtcNow().ToUnixTimeMilliseconds() };
        if (InMemory(sessionId) is { } mine)
        {
            return mine.AddReport(report);
        }

        // No existence check first: the key (session, node) refuses a second report, and redeliveries are rare, so
        // the common case costs one insert instead of a query and an insert.
        await using (var context = store.Open())
        {
            context.SessionReports.Add(report);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException)
            {
                // Possibly the same report consumed concurrently by another coordinator: decided below.
            }
        }

        await using var again = store.Open();
        return await again.SessionReports.AnyAsync(r => r.SessionId == sessionId && r.Node == node, cancellationToken)
            ? false
            : throw new InvalidOperationException($"storing the report of {node} for session {sessionId} failed");
    }

    public async Task<IReadOnlyList<SessionReportRecord>> ReportsAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (InMemory(sessionId) is { } mine)
        {
            return mine.Reports;
        }

        await using var context = store.Open();
        return await context.SessionReports.AsNoTracking().Where(r => r.SessionId == sessionId).ToListAsync(cancellationToken);
    }

    /// <summary>How the session ended, or null while it runs.</summary>
    public async Task<SessionOutcome?> OutcomeAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var context = store.Open();
        var record = await context.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        return record is null ? SessionOutcome.Failed("the session is not in the store") : OutcomeOf(record);
    }

    /// <summary>
    /// Ends a running session as completed and applies its result in the same transaction: <paramref name="applyResult"/>
    /// makes the request's conditional update and adds its outbox messages, and returns false when the request was
    /// already decided (then nothing of it is written). When the session had already ended (completed by another
    /// coordinator, or failed by a timeout or abort), nothing is written and that outcome is returned.
    /// </summary>
    public async Task<SessionOutcome> CompleteAsync(string sessionId, Func<CoordinatorDbContext, CancellationToken, Task<bool>> applyResult, CancellationToken cancellationToken)
    {
        bool applied;
        await using (var context = store.Open())
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var ended = await context.Sessions
                .Where(x => x.Id == sessionId && x.Status == SessionStatus.Running)
                .ExecuteUpdateAsync(x => x.SetProperty(p => p.Status, SessionStatus.Completed), cancellationToken);
            if (ended == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await OutcomeAsync(sessionId, cancellationToken) ?? SessionOutcome.Failed("the session ended meanwhile");
            }

            applied = await applyResult(context, cancellationToken);
            if (applied)
            {
                await context.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (applied)
        {
            store.OutboxCommitted.Notify();
            store.FinalStateCommitted.Notify();
        }

        return SessionOutcome.Success;
    }

    /// <summary>
    /// Ends a running session as failed; when it had already ended (completed by a report, or failed by another
    /// coordinator), that outcome is returned instead. Whatever is returned, the local waiter is told.
    /// </summary>
    public async Task<SessionOutcome> FailAsync(string sessionId, SessionOutcome failure, CancellationToken cancellationToken)
    {
        var suspects = string.Join(",", failure.Suspects);
        var reason = failure.Failure ?? "failed";
        await using (var context = store.Open())
        {
            var ended = await context.Sessions
                .Where(s => s.Id == sessionId && s.Status == SessionStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SessionStatus.Failed).SetProperty(x => x.Failure, reason).SetProperty(x => x.Suspects, suspects), cancellationToken);
            if (ended == 1)
            {
                local.Find(sessionId)?.Resolve(failure);
                return failure;
            }
        }

        var outcome = await OutcomeAsync(sessionId, cancellationToken) ?? failure;
        local.Find(sessionId)?.Resolve(outcome);
        return outcome;
    }

    /// <summary>
    /// Ends sessions still running well past their end (their coordinator died before timing them out), so late
    /// reports no longer complete them; the grace covers clock differences between coordinators.
    /// </summary>
    public async Task<int> ExpireAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var before = (time.GetUtcNow() - grace).ToUnixTimeMilliseconds();
        await using var context = store.Open();
        return await context.Sessions
            .Where(s => s.Status == SessionStatus.Running && s.ExpiresAt < before)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SessionStatus.Failed).SetProperty(x => x.Failure, "expired: its coordinator stopped driving it"), cancellationToken);
    }

    private ActiveSession? InMemory(string sessionId) =>
        store.Database.Provider == DatabaseProvider.Sqlite ? local.Find(sessionId) : null;

    public static SessionOutcome? OutcomeOf(SessionRecord record) => record.Status switch
    {
        SessionStatus.Completed => SessionOutcome.Success,
        SessionStatus.Failed => SessionOutcome.Failed(record.Failure ?? "failed", record.Suspects.Length == 0 ? [] : record.Suspects.Split(',')),
        _ => null,
    };
}
