using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Sends an attempt's stored signed bytes (never re-signing) and records the node's answer: accepted → submitted;
/// no definite answer → the same bytes again later, with a delay growing with the attempt's age; nonce too low →
/// ours if another attempt was accepted, else the nonce was used elsewhere; a definite refusal of the only attempt
/// fails the transaction before broadcast (its nonce is released).
/// </summary>
internal sealed partial class Broadcaster(TransactionsStore store, ChainRegistry chains, TransactionsOptions options, ILogger<Broadcaster> logger)
{
    private readonly ConcurrentDictionary<string, bool> _sending = new();

    /// <summary>Sends the attempt unless a send of it is already under way in this process.</summary>
    public async Task BroadcastAsync(string attemptId, CancellationToken cancellationToken)
    {
        if (!_sending.TryAdd(attemptId, true))
        {
            return;
        }

        try
        {
            await SendAsync(attemptId, cancellationToken);
        }
        finally
        {
            _sending.TryRemove(attemptId, out _);
        }
    }

    private async Task SendAsync(string attemptId, CancellationToken cancellationToken)
    {
        AttemptRecord? attempt;
        TransactionRecord? transaction;
        await using (var context = await store.OpenAsync(cancellationToken))
        {
            attempt = await context.Attempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId, cancellationToken);
            transaction = attempt is null ? null : await context.Transactions.AsNoTracking().FirstOrDefaultAsync(t => t.Id == attempt.TransactionId, cancellationToken);
        }

        if (attempt?.RawTransaction is null || transaction is null || attempt.Status == AttemptStatus.Rejected || transaction.Status == TransactionStatus.Failed)
        {
            return;
        }

        var chain = chains.Find((ulong)transaction.ChainId);
        if (chain is null || chain.State != ChainState.Ready)
        {
            return;
        }

        Exception? error = null;
        try
        {
            await chain.Client.SendRawTransactionAsync(HexBytes.Parse(attempt.RawTransaction), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = e;
        }

        var outcome = SendOutcomes.Classify(error);
        if (outcome == SendOutcome.NonceTooLow && await IsOursOnChainAsync(chain, attempt, cancellationToken))
        {
            // "nonce too low" for bytes the node already has (mined or pooled): our own earlier send got there.
            outcome = SendOutcome.Accepted;
        }

        if (outcome != SendOutcome.Accepted)
        {
            LogRefused(transaction.Id, attempt.Number, attempt.Hash, outcome, error?.Message);
        }

        await store.WriteAsync(unit => RecordAsync(unit, attemptId, outcome, error?.Message), cancellationToken);
    }

    private async Task RecordAsync(UnitOfWork unit, string attemptId, SendOutcome outcome, string? message)
    {
        var attempt = await unit.Context.Attempts.FirstAsync(a => a.Id == attemptId);
        var transaction = await unit.Context.Transactions.FirstAsync(t => t.Id == attempt.TransactionId);
        if (transaction.Status == TransactionStatus.Failed || attempt.Status == AttemptStatus.Rejected)
        {
            return;
        }

        var others = await unit.Context.Attempts.AnyAsync(a => a.TransactionId == transaction.Id && a.Id != attempt.Id && a.Status == AttemptStatus.Submitted);
        switch (outcome)
        {
            case SendOutcome.Accepted:
                var first = attempt.SubmittedAt is null;
                attempt.Status = AttemptStatus.Submitted;
                attempt.SubmittedAt ??= unit.Now;
                attempt.LastBroadcastAt = unit.Now;
                attempt.BroadcastCount++;
                attempt.NextBroadcastAt = unit.Now + Backoff(options.RebroadcastInterval, attempt.BroadcastCount, options.MaxRebroadcastInterval);
                attempt.Error = null;
                if (transaction.BlockHash is null)
                {
                    transaction.Hash = attempt.Hash;
                }

                if (transaction.Status is TransactionStatus.Queued or TransactionStatus.Signing)
                {
                    await StatusTransitions.MoveAsync(unit, transaction, TransactionStatus.Submitted, "broadcast", $"attempt {attempt.Number} accepted by the node");
                }
                else if (first)
                {
                    await StatusTransitions.RecordAsync(unit, transaction, "replacement broadcast", attempt.Hash, $"attempt {attempt.Number} accepted by the node");
                }

                break;
            case SendOutcome.Transient:
                attempt.Error = message;
                attempt.NextBroadcastAt = unit.Now + Clamp(unit.Now - attempt.RequestedAt, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30));
                break;
            case SendOutcome.NonceTooLow when attempt.SubmittedAt is not null || others:
                // One of our attempts at this nonce was mined; the receipt tracker records which.
                if (attempt.SubmittedAt is null)
                {
                    attempt.Status = AttemptStatus.Rejected;
                    attempt.Error = "nonce already used by an earlier attempt of this transaction";
                }

                break;
            case SendOutcome.NonceTooLow:
                // None of our attempts is known to the node (checked by hash before this): someone else used the nonce.
                attempt.Status = AttemptStatus.Rejected;
                attempt.Error = message;
                transaction.Error = $"nonce {transaction.Nonce} was already used on chain by a transaction this service did not send ({message})";
                await StatusTransitions.MoveAsync(unit, transaction, TransactionStatus.Failed, "failed", transaction.Error);
                break;
            case SendOutcome.Underpriced or SendOutcome.Refused when others || attempt.SubmittedAt is not null:
                // A replacement the node refused: the earlier attempt stays in its pool; a later bump may do better.
                attempt.Status = AttemptStatus.Rejected;
                attempt.Error = message;
                await StatusTransitions.RecordAsync(unit, transaction, "replacement refused", attempt.Hash, $"attempt {attempt.Number}: {message}");
                break;
            case SendOutcome.Underpriced:
                attempt.Status = AttemptStatus.Rejected;
                attempt.Error = message;
                transaction.Error = $"another transaction with nonce {transaction.Nonce} is pending at the node ({message})";
                await StatusTransitions.MoveAsync(unit, transaction, TransactionStatus.Failed, "failed", transaction.Error);
                break;
            default:
                attempt.Status = AttemptStatus.Rejected;
                attempt.Error = message;
                await TransactionFailures.FailBeforeBroadcastAsync(unit, transaction, $"the node refused the transaction: {message}");
                break;
        }
    }

    private static async Task<bool> IsOursOnChainAsync(Chain chain, AttemptRecord attempt, CancellationToken cancellationToken)
    {
        try
        {
            return attempt.Hash is not null && await chain.Client.GetTransactionByHashAsync(attempt.Hash, cancellationToken) is not null;
        }
        catch (Exception e) when (e is EthereumRpcException or EthereumRpcTransportException or EthereumRpcResponseException)
        {
            return false;
        }
    }

    private static TimeSpan Backoff(TimeSpan first, int sends, TimeSpan max) =>
        TimeSpan.FromTicks(Math.Min(max.Ticks, first.Ticks * (1L << Math.Min(sends - 1, 20))));

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TransactionId} attempt {Attempt} ({Hash}) not accepted: {Outcome} {Error}")]
    private partial void LogRefused(string transactionId, int attempt, string? hash, SendOutcome outcome, string? error);
}
