using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Events;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Attempts that have not reached a node yet: signed ones whose send is due again (after a transport failure) are
/// sent again; ones still waiting for their signature get the request re-sent after
/// <see cref="TransactionsOptions.SignatureResendAfter"/> (same signature id, so never a second signature) and are
/// given up after <see cref="TransactionsOptions.SigningTimeout"/>.
/// </summary>
internal sealed partial class SignatureResends(
    TransactionsStore store,
    Broadcaster broadcaster,
    AttemptSigner signer,
    TransactionsOptions options,
    ILogger<SignatureResends> logger)
{
    /// <param name="waiting">The chain's signing and signed attempts of transactions not failed, with their transaction.</param>
    public async Task RunAsync(IReadOnlyList<(AttemptRecord Attempt, TransactionRecord Transaction)> waiting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (attempt, _) in waiting.Where(w => w.Attempt.Status == AttemptStatus.Signed && (w.Attempt.NextBroadcastAt ?? now) <= now))
        {
            await broadcaster.BroadcastAsync(attempt.Id, cancellationToken);
        }

        foreach (var (attempt, transaction) in waiting.Where(w => w.Attempt.Status == AttemptStatus.Signing && now - w.Attempt.CreatedAt >= options.SigningTimeout))
        {
            LogSigningTimedOut(transaction.Id, attempt.Number, options.SigningTimeout);
            await signer.FailAsync(
                new SignatureFailed
                {
                    MessageId = Guid.NewGuid(),
                    SignatureId = attempt.SignatureId,
                    WalletId = transaction.WalletId,
                    Tenant = transaction.Tenant,
                    Reason = $"no signature within {options.SigningTimeout}",
                },
                cancellationToken);
        }

        var unanswered = waiting.Where(w => w.Attempt.Status == AttemptStatus.Signing && now - w.Attempt.RequestedAt >= options.SignatureResendAfter && now - w.Attempt.CreatedAt < options.SigningTimeout).ToList();
        if (unanswered.Count == 0)
        {
            return;
        }

        await store.WriteAsync(async unit =>
        {
            foreach (var (attempt, _) in unanswered)
            {
                var tracked = await unit.Context.Attempts.FirstAsync(a => a.Id == attempt.Id, cancellationToken);
                var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == attempt.TransactionId, cancellationToken);
                if (tracked.Status == AttemptStatus.Signing)
                {
                    SignatureRequests.Request(unit, tx, tracked);
                    LogSignatureResent(tx.Id, tracked.Number, tracked.SignatureId);
                }
            }
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TransactionId} attempt {Attempt}: no signature within {Timeout}; the attempt is given up")]
    private partial void LogSigningTimedOut(string transactionId, int attempt, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction {TransactionId} attempt {Attempt}: signature request {SignatureId} sent again (no answer yet)")]
    private partial void LogSignatureResent(string transactionId, int attempt, string signatureId);
}
