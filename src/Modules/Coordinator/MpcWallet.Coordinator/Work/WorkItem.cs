namespace MpcWallet.Coordinator.Work;

/// <summary>
/// A wallet to create or a signature to produce. <paramref name="TraceParent"/>: the request's stored trace context,
/// the parent of the run's span. <paramref name="ClaimedUntil"/> (unix ms): the lease this process took when it
/// accepted the request, so the orchestrator need not claim it again while that lease is fresh.
/// </summary>
internal sealed record WorkItem(WorkKind Kind, string Id, string? TraceParent = null, long? ClaimedUntil = null);
