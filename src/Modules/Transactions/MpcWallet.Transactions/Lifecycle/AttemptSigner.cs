using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MpcWallet.Contracts.Events;
using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signatures;
using MpcWallet.Ethereum.Transactions;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Turns the coordinator's answer into a signed attempt: the digest must be the attempt's signing hash, the
/// signature (normalised to low s) must recover to the wallet address; then the raw transaction and its hash are
/// stored and it is broadcast. A failed or unusable signature rejects the attempt (and fails the transaction if it
/// was its only one). Answers for unknown or already handled signature ids are ignored (idempotent).
/// </summary>
internal sealed partial class AttemptSigner(TransactionsStore store, Broadcaster broadcaster, ILogger<AttemptSigner> logger)
{
    public async Task CompleteAsync(SignatureFinalized message, CancellationToken cancellationToken)
    {
        AttemptRecord? attempt;
        TransactionRecord? transaction;
        await using (var context = await store.OpenAsync(cancellationToken))
        {
            attempt = await context.Attempts.AsNoTracking().FirstOrDefaultAsync(a => a.SignatureId == message.SignatureId, cancellationToken);
            transaction = attempt is null ? null : await context.Transactions.AsNoTracking().FirstOrDefaultAsync(t => t.Id == attempt.TransactionId, cancellationToken);
        }

        if (attempt is null || transaction is null || attempt.Status != AttemptStatus.Signing)
        {
            return;
        }

        var (signed, problem) = Assemble(message, transaction, attempt);
        if (problem is not null)
        {
            LogUnusable(transaction.Id, attempt.Number, problem);
        }

        var proceed = await store.WriteAsync(async unit =>
        {
            var tracked = await unit.Context.Attempts.FirstAsync(a => a.Id == attempt.Id, cancellationToken);
            var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == attempt.TransactionId, cancellationToken);
            if (tracked.Status != AttemptStatus.Signing || tx.Status == TransactionStatus.Failed)
            {
                return false;
            }

            if (signed is null)
            {
                await RejectAsync(unit, tx, tracked, $"unusable signature: {problem}");
                return false;
            }

            tracked.Status = AttemptStatus.Signed;
            tracked.Hash = signed.HashHex;
            tracked.RawTransaction = signed.RawHex;
            // The signer sends it right away; the tracker only takes over if that send did not get an answer.
            tracked.NextBroadcastAt = unit.Now + TimeSpan.FromSeconds(5);
            await StatusTransitions.RecordAsync(unit, tx, "signed", signed.HashHex, $"attempt {tracked.Number} signed by {string.Join(",", message.Nodes)}; sender {signed.Sender} verified");
            return true;
        }, cancellationToken);

        if (proceed)
        {
            await broadcaster.BroadcastAsync(attempt.Id, cancellationToken);
        }
    }

    public async Task FailAsync(SignatureFailed message, CancellationToken cancellationToken)
    {
        await store.WriteAsync(async unit =>
        {
            var attempt = await unit.Context.Attempts.FirstOrDefaultAsync(a => a.SignatureId == message.SignatureId, cancellationToken);
            if (attempt is null || attempt.Status != AttemptStatus.Signing)
            {
                return;
            }

            var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == attempt.TransactionId, cancellationToken);
            if (tx.Status != TransactionStatus.Failed)
            {
                await RejectAsync(unit, tx, attempt, $"signing failed: {message.Reason}");
            }
        }, cancellationToken);
    }

    private static async Task RejectAsync(UnitOfWork unit, TransactionRecord transaction, AttemptRecord attempt, string reason)
    {
        attempt.Status = AttemptStatus.Rejected;
        attempt.Error = reason;
        var live = await unit.Context.Attempts.AnyAsync(a => a.TransactionId == transaction.Id && a.Id != attempt.Id && a.Status == AttemptStatus.Submitted);
        if (live)
        {
            await StatusTransitions.RecordAsync(unit, transaction, "replacement not signed", null, $"attempt {attempt.Number}: {reason}");
        }
        else
        {
            await TransactionFailures.FailBeforeBroadcastAsync(unit, transaction, reason);
        }
    }

    private static (SignedTransaction? Signed, string? Problem) Assemble(SignatureFinalized message, TransactionRecord transaction, AttemptRecord attempt)
    {
        if (message.WalletId != transaction.WalletId || message.Tenant != transaction.Tenant)
        {
            return (null, $"the signature is for wallet {message.WalletId}, not {transaction.WalletId}");
        }

        if (!string.Equals(message.Digest, attempt.SigningHash, StringComparison.Ordinal))
        {
            return (null, $"the coordinator signed {message.Digest}, not the attempt's signing hash {attempt.SigningHash}");
        }

        if (message.V is not (27 or 28))
        {
            return (null, $"v must be 27 or 28, got {message.V}");
        }

        try
        {
            var signature = Signature.FromRecoverable(HexBytes.ParseFixed(message.R, 32), HexBytes.ParseFixed(message.S, 32), message.V - 27);
            var signed = UnsignedTransactions.Build(transaction, attempt).Sign(signature);
            var wallet = EthereumAddress.Parse(transaction.From);
            return signed.Sender == wallet
                ? (signed, null)
                : (null, $"the signature recovers to {signed.Sender}, not the wallet address {wallet}");
        }
        catch (Exception e) when (e is SignatureException or ArgumentException or FormatException)
        {
            return (null, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Transaction {TransactionId} attempt {Attempt}: {Problem}")]
    private partial void LogUnusable(string transactionId, int attempt, string problem);
}
