using Prometheus;

namespace MpcWallet.Coordinator.Monitoring;

/// <summary>
/// The coordinator's Prometheus metrics. Labels are bounded: <c>node</c> by the configured cluster, <c>outcome</c> by
/// two values; wallets are counted, never labelled one by one.
/// </summary>
internal static class CoordinatorMetrics
{
    /// <summary>Request accepted to final signature; buckets around the measured single-host p50 (~20 ms) up to the deadline.</summary>
    private static readonly Histogram SignatureDuration = Metrics.CreateHistogram(
        "mpcwallet_signature_duration_seconds",
        "Time from accepting a signature request to its final state (completed: verified signature committed; failed: given up), per outcome.",
        new HistogramConfiguration
        {
            LabelNames = ["outcome"],
            Buckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
        });

    public static readonly Counter IgnoredReports = Metrics.CreateCounter(
        "mpcwallet_coordinator_reports_ignored_total", "Partial signatures and session reports that matched no running session, participant or first report.");

    public static readonly Gauge NodeUp = Metrics.CreateGauge(
        "mpcwallet_node_up", "1 while the coordinator hears the configured node's heartbeats (online), else 0.", "node");

    public static readonly Gauge ActiveWallets = Metrics.CreateGauge(
        "mpcwallet_wallets_active", "Active wallets (key generation completed).");

    public static readonly Gauge WalletsBelowQuorumMargin = Metrics.CreateGauge(
        "mpcwallet_wallets_below_quorum_margin",
        "Active wallets with fewer than threshold + 1 online holders: one more node lost and they cannot sign (or cannot already).");

    public static readonly Gauge WalletsWithoutQuorum = Metrics.CreateGauge(
        "mpcwallet_wallets_without_quorum", "Active wallets with fewer online holders than their threshold: they cannot sign now.");

    public static readonly Gauge PendingSignatures = Metrics.CreateGauge(
        "mpcwallet_signatures_pending", "Signature requests accepted and not yet completed or failed.");

    public static void ObserveSignature(string outcome, TimeSpan elapsed) =>
        SignatureDuration.WithLabels(outcome).Observe(Math.Max(0, elapsed.TotalSeconds));

    /// <summary>
    /// Creates every metric (the first access runs this type's initializer) and the histogram's series before the first
    /// signature, so dashboards and alerts see them at once.
    /// </summary>
    public static void Touch(IEnumerable<string> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            SignatureDuration.WithLabels(outcome);
        }
    }
}
