using Microsoft.Extensions.Logging;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// A participant's report of its session's output (a partial signature, a key-generation result), consumed on any
/// coordinator: accepted only for a running session of the report's purpose, from one of its participants, and stored
/// once per (session, node); then, when every participant has reported, the session is completed here
/// (<see cref="SessionCompletion"/>). Everything else is ignored, logged and counted, never faulted.
/// </summary>
internal sealed partial class SessionReports(SessionLedger ledger, SessionCompletion completion, ActiveSessions sessions, ILogger<SessionReports> logger)
{
    /// <param name="payload">What is stored for the report; null for a report without content (ignored).</param>
    /// <param name="fits">A further check of the report against its session (e.g. the wallet it names).</param>
    public Task AcceptAsync(SessionPurpose purpose, string? sessionId, string? node, string? payload, Func<SessionRecord, bool>? fits, CancellationToken cancellationToken) =>
        AcceptAsync([purpose], sessionId, node, payload, fits, cancellationToken);

    /// <summary>The same for a report that several purposes share (a stored key share: key generation or refresh).</summary>
    public async Task AcceptAsync(IReadOnlyCollection<SessionPurpose> purposes, string? sessionId, string? node, string? payload, Func<SessionRecord, bool>? fits, CancellationToken cancellationToken)
    {
        var purpose = purposes.First();
        var session = sessionId is null || node is null || payload is null ? null : await ledger.FindRunningAsync(sessionId, cancellationToken);
        if (session is null || SessionPurposes.Parse(session.Purpose) is not { } actual || !purposes.Contains(actual) || !session.ParticipantList.Contains(node!) || fits?.Invoke(session) == false)
        {
            Ignore(purpose, sessionId, node);
            return;
        }

        if (!await ledger.AddReportAsync(session.Id, node!, payload!, cancellationToken))
        {
            Ignore(purpose, sessionId, node);
        }

        // Also after a duplicate: a redelivery after a failed completion must be able to complete the session.
        await completion.TryCompleteAsync(session, cancellationToken);
    }

    private void Ignore(SessionPurpose purpose, string? session, string? node)
    {
        sessions.CountIgnored();
        LogIgnored(SessionPurposes.Name(purpose), session ?? "(none)", node ?? "(none)");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ignored a {Purpose} report for session {Session} from {Node} (unknown or ended session, another purpose, not a participant, or a duplicate)")]
    private partial void LogIgnored(string purpose, string session, string node);
}
