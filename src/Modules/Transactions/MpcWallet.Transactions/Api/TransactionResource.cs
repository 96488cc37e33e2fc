namespace MpcWallet.Transactions.Api;

/// <summary>The transaction resource of api.md (plus <c>kind</c>: transfer, or nonce-filler for a gap filler).</summary>
internal sealed record TransactionResource(
    string Id,
    string WalletId,
    ulong ChainId,
    string From,
    string To,
    string Value,
    string Data,
    ulong? Nonce,
    string Status,
    string? Hash,
    ulong? BlockNumber,
    int Confirmations,
    string GasLimit,
    string MaxFeePerGas,
    string MaxPriorityFeePerGas,
    IReadOnlyList<AttemptResource> Attempts,
    string Kind,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Error);
