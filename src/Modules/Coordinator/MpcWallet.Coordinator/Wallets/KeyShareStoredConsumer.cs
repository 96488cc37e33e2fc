using MassTransit;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Sessions;

namespace MpcWallet.Coordinator.Wallets;

/// <summary>
/// <c>state_sync</c> stored-key reports (on any coordinator): a participant's report of the key it stored, once signed by that node (<see cref="NodeReportVerifier"/>), for the
/// wallet its key-generation session creates (the report that completes the set activates the wallet,
/// <see cref="WalletActivation"/>) or for the wallet its refresh session renews (the last one switches the wallet's
/// generation, <c>Operations/WalletRefresh</c>).
/// </summary>
internal sealed class KeyShareStoredConsumer(NodeReportVerifier verifier, SessionReports reports) : IConsumer<KeyShareStored>
{
    private static readonly SessionPurpose[] Purposes = [SessionPurpose.KeyGeneration, SessionPurpose.Refresh];

    public Task Consume(ConsumeContext<KeyShareStored> context)
    {
        var report = context.Message;
        if (!verifier.Admit(report))
        {
            return Task.CompletedTask;
        }

        // A key-generation session serves its wallet; a refresh session its operation, whose wallet the payload names (checked at completion).
        return reports.AcceptAsync(Purposes, report.SessionId, report.Node, WalletActivation.Payload(report), session => session.Purpose == SessionPurposes.Name(SessionPurpose.Refresh) || report.WalletId == session.ResourceId, context.CancellationToken);
    }
}
