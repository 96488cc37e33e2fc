namespace MpcWallet.Transactions.Api;

/// <summary>A page of a wallet's transactions, newest first, and the cursor of the next page (null at the end).</summary>
internal sealed record TransactionPage(IReadOnlyList<TransactionResource> Items, string? NextCursor);
