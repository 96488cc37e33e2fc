using MassTransit;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Sessions;

namespace MpcWallet.Coordinator.Wallets;

/// <summary>
/// <c>state_sync</c> key-generation results (on any coordinator): a participant's report of the key it stored, for the
/// wallet its session creates, once signed by that node (<see cref="NodeReportVerifier"/>); the report that completes the set activates the wallet (<see cref="WalletActivation"/>).
/// </summary>
internal sealed class KeyShareStoredConsumer(NodeReportVerifier verifier, SessionReports reports) : IConsumer<KeyShareStored>
{
    public Task Consume(ConsumeContext<KeyShareStored> context)
    {
        var report = context.Message;
        if (!verifier.Admit(report))
        {
            return Task.CompletedTask;
        }

        return reports.AcceptAsync(SessionPurpose.KeyGeneration, report.SessionId, report.Node, WalletActivation.Payload(report), session => report.WalletId == session.ResourceId, context.CancellationToken);
    }
}
