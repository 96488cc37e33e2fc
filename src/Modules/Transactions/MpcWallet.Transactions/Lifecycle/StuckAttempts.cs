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
/// A submitted transaction without a receipt: its live attempt's bytes go out again when due (a growing interval),
/// and once it is stuck (nothing newer for <see cref="ChainOptions.StuckAfter"/>) a replacement attempt with bumped
/// fees is requested, unless the fee cap leaves no valid bump (then a warning, at most every ten minutes).
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

        // Stuck: the newest attempt (whatever became of it) is older than StuckAfter and nothing is being signed.
        if (latest.Status is AttemptStatus.Signing or AttemptStatus.Signed || now - latest.CreatedAt < chain.Options.StuckAfter
            || now - (live.SubmittedAt ?? now) < chain.Options.StuckAfter)
        {
            return;
        }

        var market = await FeeEstimator.QuoteAsync(chain.Client, chain.FeePolicy, cancellationToken);
        var fees = FeeBump.Next(chain.FeePolicy, UInt256.Parse(live.MaxFeePerGas), UInt256.Parse(live.MaxPriorityFeePerGas), market);
        if (fees is null)
        {
            if (!_capWarnings.TryGetValue(transaction.Id, out var warned) || now - warned > TimeSpan.FromMinutes(10))
            {
                _capWarnings[transaction.Id] = now;
                LogCapped(transaction.Id, transaction.Nonce, chain.FeePolicy.MaxFeePerGasCap.ToString());
            }

            return;
        }

        await store.WriteAsync(async unit =>
        {
            var tx = await unit.Context.Transactions.FirstAsync(t => t.Id == transaction.Id, cancellationToken);
            var busy = await unit.Context.Attempts.AnyAsync(a => a.TransactionId == tx.Id && (a.Status == AttemptStatus.Signing || a.Status == AttemptStatus.Signed), cancellationToken);
            if (tx.Status != TransactionStatus.Submitted || tx.BlockHash is not null || busy)
            {
                return;
            }

            await SignatureRequests.AddAttemptAsync(unit, tx, fees, "replacement requested");
        }, cancellationToken);
        LogBump(transaction.Id, transaction.Nonce, live.Number, fees.MaxFeePerGas.ToString(), fees.MaxPriorityFeePerGas.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction {TransactionId} (nonce {Nonce}) stuck after attempt {Attempt}: replacement with maxFeePerGas {MaxFee}, maxPriorityFeePerGas {Tip}")]
    private partial void LogBump(string transactionId, long? nonce, int attempt, string maxFee, string tip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TransactionId} (nonce {Nonce}) is stuck and cannot be bumped: the fee cap {Cap} leaves no valid replacement (stuck signer)")]
    private partial void LogCapped(string transactionId, long? nonce, string cap);
}
