namespace MpcWallet.Coordinator.Orchestration;

/// <summary>A wallet to create or a signature to produce.</summary>
internal sealed record WorkItem(WorkKind Kind, string Id);
