using System.Collections.Concurrent;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// A session this coordinator is driving: who takes part, and the local signal its run awaits. The session itself
/// (and what participants reported) lives in the store, where any coordinator can complete it; this is only the fast
/// path for the common case that the report completing it is consumed here.
/// </summary>
internal sealed class ActiveSession(string key, SessionPurpose purpose, string resourceId, IReadOnlyList<string> participants)
{
    private readonly TaskCompletionSource<SessionOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, SessionReportRecord> _reports = new();
    private int _completing;

    public string Key { get; } = key;

    public SessionPurpose Purpose { get; } = purpose;

    public string ResourceId { get; } = resourceId;

    public IReadOnlyList<string> Participants { get; } = participants;

    /// <summary>Completes with the first outcome reported here (the store has the authoritative one).</summary>
    public Task<SessionOutcome> Outcome => _outcome.Task;

    /// <summary>Reports kept in memory, where the store is not shared (see <see cref="SessionLedger"/>).</summary>
    public IReadOnlyList<SessionReportRecord> Reports => _reports.Values.ToArray();

    /// <summary>False for a second report from the same node.</summary>
    public bool AddReport(SessionReportRecord report) => _reports.TryAdd(report.Node, report);

    /// <summary>
    /// True for the first of this process's consumers to find every report in: only it completes the session, so two
    /// partials consumed at the same moment do not both combine and then queue on the same rows (the store would
    /// still let only one of them finish; this saves the loser's work and lock wait).
    /// </summary>
    public bool TryBeginCompletion() => Interlocked.Exchange(ref _completing, 1) == 0;

    /// <summary>The completer failed (store error): a redelivered report may try again.</summary>
    public void CompletionAbandoned() => Volatile.Write(ref _completing, 0);

    public void Resolve(SessionOutcome outcome) => _outcome.TrySetResult(outcome);

    public void Fail(string reason, params string[] suspects) => _outcome.TrySetResult(SessionOutcome.Failed(reason, suspects));
}
