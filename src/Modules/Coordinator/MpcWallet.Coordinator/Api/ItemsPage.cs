namespace MpcWallet.Coordinator.Api;

/// <summary>A page of a list: items newest first and the cursor of the next page (null at the end).</summary>
internal sealed record ItemsPage<T>(IReadOnlyList<T> Items, string? NextCursor);
