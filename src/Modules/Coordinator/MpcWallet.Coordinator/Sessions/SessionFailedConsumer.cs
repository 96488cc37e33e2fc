using MassTransit;
using Microsoft.EntityFrameworkCore;
using MpcWallet.Coordinator.Nodes;
using MpcWallet.Coordinator.Persistence;
using MpcWallet.Contracts.StateSync;

namespace MpcWallet.Coordinator.Sessions;

/// <summary>
/// A participant's engine aborted the session (signed by that node, <see cref="NodeReportVerifier"/>): end it as failed in the store now (naming the culprit) instead of
/// waiting it out; the run that drives it — here or on another coordinator — sees the failure and retries.
/// </summary>
internal sealed class SessionFailedConsumer(NodeReportVerifier verifier, SessionLedger ledger, ActiveSessions sessions, CoordinatorStore store, WalletSuspects suspects) : IConsumer<SessionFailed>
{
    public async Task Consume(ConsumeContext<SessionFailed> context)
    {
        var failure = context.Message;
        if (!verifier.Admit(failure))
        {
            return;
        }

        var session = failure.SessionId is null ? null : await ledger.FindRunningAsync(failure.SessionId, context.CancellationToken);
        if (session is null || failure.Node is null || !session.ParticipantList.Contains(failure.Node))
        {
            sessions.CountIgnored();
            return;
        }

        var culprit = failure.Culprit is { } c && session.ParticipantList.Contains(c) ? c : null;
        var blame = culprit is null ? "no culprit named" : $"culprit {culprit}{(failure.Banned ? ", banned" : "")}";
        if (culprit is not null && failure.Banned && session.Purpose == SessionPurposes.Name(SessionPurpose.Signing))
        {
            // Remembered before the session is failed: the retry that follows must already leave the culprit out.
            await RememberAsync(session.ResourceId, culprit, $"node {failure.Node}: {failure.Check}", session.Id, context.CancellationToken);
        }

        await ledger.FailAsync(session.Id, SessionOutcome.Failed($"node {failure.Node} aborted: {failure.Check} ({blame})", culprit is null ? [] : [culprit]), context.CancellationToken);
    }

    private async Task RememberAsync(string signatureId, string culprit, string reason, string sessionId, CancellationToken cancellationToken)
    {
        string? walletId;
        long keyVersion;
        await using (var context = store.Open())
        {
            var wallet = await context.Signatures.AsNoTracking().Where(s => s.Id == signatureId)
                .Join(context.Wallets.AsNoTracking(), s => s.WalletId, w => w.Id, (s, w) => new { w.Id, w.KeyVersion })
                .FirstOrDefaultAsync(cancellationToken);
            walletId = wallet?.Id;
            keyVersion = wallet?.KeyVersion ?? 0;
        }

        if (walletId is not null)
        {
            await suspects.RecordAsync(walletId, keyVersion, culprit, reason, sessionId, cancellationToken);
        }
    }
}
