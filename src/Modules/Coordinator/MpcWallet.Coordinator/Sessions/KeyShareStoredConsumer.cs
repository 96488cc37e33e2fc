using MassTransit;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.StateSync;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>Consumes key-generation results from <c>state_sync</c> for running key-generation sessions.</summary>
internal sealed partial class KeyShareStoredConsumer(ActiveSessions sessions, ILogger<KeyShareStoredConsumer> logger) : IConsumer<KeyShareStored>
{
    public Task Consume(ConsumeContext<KeyShareStored> context)
    {
        var report = context.Message;
        var session = sessions.Find(report.SessionId ?? "");
        if (session is null || report.Node is null || !session.Participants.Contains(report.Node) || report.WalletId != session.ResourceId || !session.AddKeyReport(report))
        {
            sessions.CountIgnored();
            LogIgnored(report.SessionId ?? "(none)", report.Node ?? "(none)");
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ignored a key-share report for session {Session} from {Node}")]
    private partial void LogIgnored(string session, string node);
}
