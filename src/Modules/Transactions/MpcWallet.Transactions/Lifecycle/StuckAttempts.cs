using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Configuration;
using MpcWallet.Transactions.Fees;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// A submitted transaction without a receipt: its live attempt's bytes go out again when due (a growing interval);
/// once it is stuck (nothing newer for <see cref="ChainOptions.StuckAfter"/>) a replacement attempt with bumped fees
/// is requested (of the same shape: a bump of a cancel cancels too), unless the fee cap leaves no valid bump (then a
/// warning, at most every ten minutes); and once it has been pending for <see cref="ChainOptions.CancelAfter"/> it is
/// cancelled (a 0-value self-transfer at the same nonce, once), so no transaction holds the wallet's later nonces for
/// ever.
/// </summary>
internal sealed partial class StuckAttempts(TransactionsStore store, Broadcaster broadcaster, ILogger<StuckAttempts> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _capWarnings = new();

    /// <param name="attempts">The transaction's attempts in order.</param>
    public async Task KeepPendingAsync(Chain chain, TransactionRecord transaction, List<AttemptRecord> attempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = attempts.LastOrDefault();
        var live = attempts.LastOrDefault(a => a.Status == AttemptStatus.Submitted);
        if (latest is null || live is null)
        {
            return;
        }

        if (live.NextBroadcastAt is { } due && due <= now)
        {
            await broadcaster.BroadcastAsync(live.Id, cancellationToken);
        }

        if (latest.Status is AttemptStatus.Signing or AttemptStatus.Signed)
        {
            return;
        }

        var (previousMaxFee, previousTip) = Replacements.HighestFees(attempts);
        var firstSent = attempts.Where(a => a.SubmittedAt is not null).Min(a => a.SubmittedAt!.Value);
        if (now - firstSent >= chain.Options.CancelAfter && !attempts.Any(a => a.Cancels))
        {
            var market = await FeeEstimator.QuoteAsync(chain.Client, chain.FeePolicy, cancellationToken);
            // Best effort within the cap: where the stuck bytes are no longer pooled, the cancel needs no bump.
            var fees = FeeBump.Next(chain.FeePolicy, previousMaxFee, previousTip, market)
                ?? new FeeQuote(previousMaxFee, previousTip, "the fee cap leaves no bump: the stuck attempt's fees");
            await AddAsync(transaction.Id, fees, AttemptKinds.Cancel, cancels: true, $"expired: pending since {firstSent:O}, longer than CancelAfter ({chain.Options.CancelAfter}); cancel requested", cancellationToken);
            LogExpired(transaction.Id, transaction.Nonce, chain.Options.CancelAfter);
            return;
        }

        // Stuck: the newest attempt (whatever became of it) is older than StuckAfter.
        if (now - latest.CreatedAt < chain.Options.StuckAfter || now - (live.SubmittedAt ?? now) < chain.Options.StuckAfter)
        {
            return;
        }

        var quote = await FeeEstimator.QuoteAsync(chain.Client, chain.FeePolicy, cancellationToken);
        var bumped = FeeBump.Next(chain.FeePolicy, previousMaxFee, previousTip, quote);
        if (bumped is null)
        {
            if (!_capWarnings.TryGetValue(transaction.Id, out var warned) || now - warned > TimeSpan.FromMinutes(10))
            {
                _capWarnings[transaction.Id] = now;
                LogCapped(transaction.Id, transaction.Nonce, chain.FeePolicy.MaxFeePerGasCap.ToString());
            }

            return;
        }

        await AddAsync(transaction.Id, bumped, AttemptKinds.Bump, live.Cancels, "replacement requested", cancellationToken);
        LogBump(transaction.Id, transaction.Nonce, live.Number, bumped.MaxFeePerGas.ToString(), bumped.MaxPriorityFeePerGas.ToString());
    }

    private Task AddAsync(string transactionId, FeeQuote fees, string kind, bool cancels, string action, CancellationToken cancellationToken) =>
        store.WriteAsync(async unit =>
        {
            var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == transactionId, cancellationToken);
            var busy = await unit.Context.Attempts.AnyAsync(a => a.TransactionId == tx.Id && (a.Status == AttemptStatus.Signing || a.Status == AttemptStatus.Signed), cancellationToken);
            if (tx.Status != TransactionStatus.Submitted || tx.BlockHash is not null || busy)
            {
                return;
            }

            await SignatureRequests.AddAttemptAsync(unit, tx, fees, action, kind, cancels);
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction {TransactionId} (nonce {Nonce}) stuck after attempt {Attempt}: replacement with maxFeePerGas {MaxFee}, maxPriorityFeePerGas {Tip}")]
    private partial void LogBump(string transactionId, long? nonce, int attempt, string maxFee, string tip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TransactionId} (nonce {Nonce}) is stuck and cannot be bumped: the fee cap {Cap} leaves no valid replacement (stuck signer)")]
    private partial void LogCapped(string transactionId, long? nonce, string cap);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TransactionId} (nonce {Nonce}) pending longer than {CancelAfter}: cancelled with a 0-value self-transfer at its nonce")]
    private partial void LogExpired(string transactionId, long? nonce, TimeSpan cancelAfter);
}
