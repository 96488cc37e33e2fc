namespace MpcWallet.Transactions.Persistence;

/// <summary>An ERC-20 transfer: the token contract, what it says about itself (null when it does not implement the optional functions), the recipient and the amount in base units.</summary>
internal sealed record TokenTransferDetails(string Address, string? Symbol, int? Decimals, string Recipient, string Amount);
