using MassTransit;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// Consumes <c>partial_signatures</c> (on any coordinator: competing consumers on one durable queue): accepted only
/// for a running signing session, from one of its participants, and stored once each; the one that completes the
/// set finalizes the signature. Everything else is ignored (logged and counted).
/// </summary>
internal sealed partial class PartialSignatureConsumer(SessionLedger ledger, SessionCompletion completion, ActiveSessions sessions, ILogger<PartialSignatureConsumer> logger) : IConsumer<PartialSignatureSubmitted>
{
    public async Task Consume(ConsumeContext<PartialSignatureSubmitted> context)
    {
        var partial = context.Message;
        var session = partial.SessionId is null || partial.Node is null || partial.Payload is not { Length: > 0 }
            ? null
            : await ledger.FindRunningAsync(partial.SessionId, context.CancellationToken);
        if (session is null || session.Purpose != SessionPurposes.Name(SessionPurpose.Signing) || partial.Node is null || !session.ParticipantList.Contains(partial.Node))
        {
            Ignore(partial.SessionId, partial.Node);
            return;
        }

        if (!await ledger.AddReportAsync(session.Id, partial.Node, Convert.ToBase64String(partial.Payload), context.CancellationToken))
        {
            Ignore(partial.SessionId, partial.Node);
        }

        // Also after a duplicate: a redelivery after a failed completion must be able to complete the session.
        await completion.TryCompleteAsync(session, context.CancellationToken);
    }

    private void Ignore(string? session, string? node)
    {
        sessions.CountIgnored();
        LogIgnored(session ?? "(none)", node ?? "(none)");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ignored a partial signature for session {Session} from {Node} (unknown or ended session, not a participant, or duplicate)")]
    private partial void LogIgnored(string session, string node);
}
