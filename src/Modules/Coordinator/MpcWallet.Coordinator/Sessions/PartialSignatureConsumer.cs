using MassTransit;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.PartialSignatures;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// Consumes <c>partial_signatures</c>: accepted only for a running signing session, from one of its participants,
/// once each. Everything else is ignored (logged and counted).
/// </summary>
internal sealed partial class PartialSignatureConsumer(ActiveSessions sessions, ILogger<PartialSignatureConsumer> logger) : IConsumer<PartialSignatureSubmitted>
{
    public Task Consume(ConsumeContext<PartialSignatureSubmitted> context)
    {
        var partial = context.Message;
        var session = sessions.Find(partial.SessionId ?? "");
        if (session is null || partial.Node is null || partial.Payload is null || !session.Participants.Contains(partial.Node) || !session.AddPartial(partial))
        {
            sessions.CountIgnored();
            LogIgnored(partial.SessionId ?? "(none)", partial.Node ?? "(none)");
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ignored a partial signature for session {Session} from {Node} (unknown session, not a participant, or duplicate)")]
    private partial void LogIgnored(string session, string node);
}
