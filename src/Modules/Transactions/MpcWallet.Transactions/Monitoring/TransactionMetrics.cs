using Prometheus;

namespace MpcWallet.Transactions.Monitoring;

/// <summary>The transaction service's Prometheus metrics; labels bounded by the configured chains and the three unsettled statuses.</summary>
internal static class TransactionMetrics
{
    public static readonly Gauge Unsettled = Metrics.CreateGauge(
        "mpcwallet_transactions_unsettled", "Transactions not yet mined at depth, cancelled or failed, per chain and status (queued, signing, submitted).", "chain", "status");

    public static readonly Gauge Stuck = Metrics.CreateGauge(
        "mpcwallet_transactions_stuck", "Unsettled transactions older than their chain's StuckAfter (the lifecycle bumps and at CancelAfter cancels them; one that stays here needs an operator).", "chain");

    public static readonly Gauge OldestUnsettledAge = Metrics.CreateGauge(
        "mpcwallet_transactions_oldest_unsettled_age_seconds", "Age of the oldest unsettled transaction per chain (0 when none).", "chain");

    public static readonly Counter RefusedFinalSignatures = Metrics.CreateCounter(
        "mpcwallet_transactions_final_signatures_refused_total", "SignatureFinalized messages dropped: not from a coordinator in the cluster manifest, or not signed by its key.", "reason");
}
