namespace MpcWallet.Infrastructure.Http;

/// <summary>A page of a list, as the API answers every list: items newest first and the cursor of the next page (null at the end).</summary>
public sealed record ItemsPage<T>(IReadOnlyList<T> Items, string? NextCursor);
