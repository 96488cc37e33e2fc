using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Fees;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Sends an attempt's stored signed bytes (never re-signing) and records the node's answer: accepted → submitted;
/// no definite answer → the same bytes again later, with a delay growing with the attempt's age; nonce too low →
/// ours if the node knows any of the transaction's attempts (one of them was mined), else the nonce was used outside
/// the service and the transaction fails (the wallet's later nonces go on); a definite refusal of the only attempt
/// fails the transaction before broadcast (its nonce is released); bytes the node accepted before are never given up
/// on a later refusal (they may still be pending elsewhere, or be mined).
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
        var oursKnown = false;
        if (outcome == SendOutcome.NonceTooLow)
        {
            // "nonce too low" is ours when the node knows these bytes (our own earlier send got there) or any other
            // attempt of the transaction (one of them was mined); otherwise someone else used the nonce.
            var known = await KnownHashesAsync(chain, transaction.Id, cancellationToken);
            oursKnown = known?.Count > 0;
            if (known is null)
            {
                // The lookup itself failed: nothing definite yet, the same bytes go out again later.
                outcome = SendOutcome.Transient;
            }
            else if (attempt.Hash is not null && known.Contains(attempt.Hash))
            {
                outcome = SendOutcome.Accepted;
            }
        }

        var reprice = new Repricing(false, null);
        if (outcome == SendOutcome.FeeBelowBaseFee && attempt.SubmittedAt is null && DateTimeOffset.UtcNow - attempt.CreatedAt >= chain.Options.StuckAfter)
        {
            try
            {
                var market = await FeeEstimator.QuoteAsync(chain.Client, chain.FeePolicy, cancellationToken);
                reprice = new Repricing(true, FeeBump.Next(chain.FeePolicy, UInt256.Parse(attempt.MaxFeePerGas), UInt256.Parse(attempt.MaxPriorityFeePerGas), market));
            }
            catch (Exception e) when (e is EthereumRpcException or EthereumRpcTransportException or EthereumRpcResponseException)
            {
                outcome = SendOutcome.Transient;
            }
        }

        if (outcome != SendOutcome.Accepted)
        {
            LogRefused(transaction.Id, attempt.Number, attempt.Hash, outcome, error?.Message);
        }

        await store.WriteAsync(unit => RecordAsync(unit, attemptId, outcome, oursKnown, reprice, error?.Message), cancellationToken);
    }

    /// <param name="oursKnown">For nonce too low: the node knows one of the transaction's attempts.</param>
    /// <param name="reprice">For a fee below the base fee: whether the attempt waited long enough to be re-priced, and at what fees.</param>
    private async Task RecordAsync(UnitOfWork unit, string attemptId, SendOutcome outcome, bool oursKnown, Repricing reprice, string? message)
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
            case SendOutcome.FeeBelowBaseFee when attempt.SubmittedAt is null && !reprice.Due:
                // No definite answer, or a fee the base fee may fall below again: the same bytes later.
                attempt.Error = message;
                attempt.NextBroadcastAt = unit.Now + Clamp(unit.Now - attempt.RequestedAt, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30));
                break;
            case SendOutcome.NonceTooLow when oursKnown:
                // Another attempt of this transaction holds the nonce on chain; the receipt tracker records which.
                if (attempt.SubmittedAt is null)
                {
                    attempt.Status = AttemptStatus.Rejected;
                    attempt.Error = "nonce already used by another attempt of this transaction";
                }

                break;
            case SendOutcome.NonceTooLow:
                // The node knows none of our attempts (checked by hash before this): someone else used the nonce. The
                // transaction fails; the nonce is spent on chain, so the wallet's later transactions go on.
                attempt.Status = AttemptStatus.Rejected;
                attempt.Error = message;
                transaction.Error = $"nonce {transaction.Nonce} was already used on chain by a transaction this service did not send ({message})";
                await StatusTransitions.MoveAsync(unit, transaction, TransactionStatus.Failed, "failed", transaction.Error);
                break;
            case SendOutcome.FeeBelowBaseFee when !others && attempt.SubmittedAt is null:
                // Below the base fee for longer than StuckAfter and nothing else pending: re-priced to the market
                // (within the fee cap), or, when the cap leaves nothing above the base fee, failed with its nonce released.
                attempt.Status = AttemptStatus.Rejected;
                attempt.Error = message;
                if (reprice.Fees is { } fees)
                {
                    await SignatureRequests.AddAttemptAsync(unit, transaction, fees, $"re-priced: attempt {attempt.Number} stayed below the base fee", AttemptKinds.Bump, attempt.Cancels);
                }
                else
                {
                    await TransactionFailures.FailBeforeBroadcastAsync(unit, transaction, $"maxFeePerGas stayed below the base fee and the chain's fee cap leaves no higher fee ({message})");
                }

                break;
            case SendOutcome.Underpriced or SendOutcome.Refused or SendOutcome.FeeBelowBaseFee when attempt.SubmittedAt is not null:
                // Bytes the node took before (a rebroadcast): they may still be pending elsewhere or be mined, so the
                // attempt stays live and is sent again later; a stuck transaction gets a bumped replacement or expires.
                attempt.Error = message;
                attempt.NextBroadcastAt = unit.Now + Backoff(options.RebroadcastInterval, Math.Max(1, attempt.BroadcastCount), options.MaxRebroadcastInterval);
                break;
            case SendOutcome.Underpriced or SendOutcome.Refused or SendOutcome.FeeBelowBaseFee when others:
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

    /// <summary>The hashes of the transaction's signed attempts the node knows (mined or pooled); null when the node could not be asked.</summary>
    private async Task<HashSet<string>?> KnownHashesAsync(Chain chain, string transactionId, CancellationToken cancellationToken)
    {
        List<string> hashes;
        await using (var context = await store.OpenAsync(cancellationToken))
        {
            hashes = await context.Attempts.AsNoTracking().Where(a => a.TransactionId == transactionId && a.Hash != null).Select(a => a.Hash!).ToListAsync(cancellationToken);
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hash in hashes)
        {
            try
            {
                if (await chain.Client.GetTransactionByHashAsync(hash, cancellationToken) is not null)
                {
                    known.Add(hash);
                }
            }
            catch (Exception e) when (e is EthereumRpcException or EthereumRpcTransportException or EthereumRpcResponseException)
            {
                return null;
            }
        }

        return known;
    }

    /// <summary>Whether an attempt below the base fee is re-priced now, and the fees (null: the cap leaves none).</summary>
    private readonly record struct Repricing(bool Due, FeeQuote? Fees);

    private static TimeSpan Backoff(TimeSpan first, int sends, TimeSpan max) =>
        TimeSpan.FromTicks(Math.Min(max.Ticks, first.Ticks * (1L << Math.Min(sends - 1, 20))));

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TransactionId} attempt {Attempt} ({Hash}) not accepted: {Outcome} {Error}")]
    private partial void LogRefused(string transactionId, int attempt, string? hash, SendOutcome outcome, string? error);
}
