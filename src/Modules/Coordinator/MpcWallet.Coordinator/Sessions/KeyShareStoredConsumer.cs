using MassTransit;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Coordinator.Orchestration;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// Consumes key-generation results from <c>state_sync</c> (on any coordinator) for running key-generation sessions:
/// stored once per participant; the one that completes the set activates the wallet.
/// </summary>
internal sealed partial class KeyShareStoredConsumer(SessionLedger ledger, SessionCompletion completion, ActiveSessions sessions, ILogger<KeyShareStoredConsumer> logger) : IConsumer<KeyShareStored>
{
    public async Task Consume(ConsumeContext<KeyShareStored> context)
    {
        var report = context.Message;
        var session = report.SessionId is null || report.Node is null ? null : await ledger.FindRunningAsync(report.SessionId, context.CancellationToken);
        if (session is null || session.Purpose != SessionPurposes.Name(SessionPurpose.KeyGeneration) || report.Node is null || !session.ParticipantList.Contains(report.Node) || report.WalletId != session.ResourceId)
        {
            Ignore(report.SessionId, report.Node);
            return;
        }

        if (!await ledger.AddReportAsync(session.Id, report.Node, WalletActivation.Payload(report), context.CancellationToken))
        {
            Ignore(report.SessionId, report.Node);
        }

        await completion.TryCompleteAsync(session, context.CancellationToken);
    }

    private void Ignore(string? session, string? node)
    {
        sessions.CountIgnored();
        LogIgnored(session ?? "(none)", node ?? "(none)");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ignored a key-share report for session {Session} from {Node}")]
    private partial void LogIgnored(string session, string node);
}
