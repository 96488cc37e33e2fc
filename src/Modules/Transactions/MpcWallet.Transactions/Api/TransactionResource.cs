namespace MpcWallet.Transactions.Api;

/// <summary>
/// The transaction resource of api.md, plus <c>kind</c> (transfer, erc20Transfer, contractCall, or nonce-filler for a
/// gap filler), <c>token</c> (an ERC-20 transfer: token, symbol and decimals read from the chain, recipient, amount)
/// and <c>call</c> (a contract call: function signature and arguments). <c>to</c>, <c>value</c> and <c>data</c> are
/// always what the wallet signs (for an ERC-20 transfer: the token contract, 0 and the encoded transfer).
/// </summary>
internal sealed record TransactionResource(
    string Id,
    string WalletId,
    ulong ChainId,
    string From,
    string? DerivationPath,
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
    Persistence.TokenTransferDetails? Token,
    Persistence.ContractCallDetails? Call,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Error);
