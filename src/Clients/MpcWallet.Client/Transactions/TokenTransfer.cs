using System.Numerics;

namespace MpcWallet.Client.Transactions;

/// <summary>An ERC-20 transfer as the service shows it: the token, what it says about itself (null when it does not tell), the recipient and the amount in base units.</summary>
public sealed record TokenTransfer(string Address, string? Symbol, int? Decimals, string Recipient, BigInteger Amount);
