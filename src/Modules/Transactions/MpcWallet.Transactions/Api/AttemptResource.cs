namespace MpcWallet.Transactions.Api;

/// <summary>
/// One attempt at the transaction's nonce. api.md's fields (<c>hash</c> is null while the attempt is being signed) plus
/// <c>number</c>, <c>kind</c> (original, bump, speedup, cancel), <c>cancels</c> (a 0-value self-transfer in place of
/// the transaction), <c>mined</c> (the attempt in the transaction's block), <c>status</c> and <c>error</c>.
/// </summary>
internal sealed record AttemptResource(
    string? Hash,
    string MaxFeePerGas,
    string MaxPriorityFeePerGas,
    DateTimeOffset? SubmittedAt,
    int Number,
    string Kind,
    bool Cancels,
    bool Mined,
    string Status,
    string? Error);
