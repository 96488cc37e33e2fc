using Prometheus;

namespace MpcWallet.Coordinator.Nodes;

/// <summary>
/// The metric of <see cref="NodeReportVerifier"/>, beside it: Monitoring reads the node registry, so the registry's
/// folder must not depend back on Monitoring.
/// </summary>
internal static class NodeReportMetrics
{
    /// <summary>Labels bounded by the code: five message types, a handful of reasons.</summary>
    public static readonly Counter Refused = Metrics.CreateCounter(
        "mpcwallet_coordinator_node_messages_refused_total",
        "Node reports dropped before acting on them: unknown node, bad signature, outside the time window, not newer than the last, unreadable partial.",
        "message", "reason");
}
