namespace MpcWallet.Coordinator.Work;

/// <summary>
/// A wallet to create or a signature to produce. <paramref name="ClaimedUntil"/> (unix ms): the lease this process
/// took when it accepted the request, so the orchestrator need not claim it again while that lease is fresh.
/// </summary>
internal sealed record WorkItem(WorkKind Kind, string Id, long? ClaimedUntil = null);
