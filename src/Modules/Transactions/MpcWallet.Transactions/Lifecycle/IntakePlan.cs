using MpcWallet.Transactions.Fees;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>What the intake checks settled for a transaction to be stored: its gas limit, first fees and kind-specific view.</summary>
internal sealed record IntakePlan(ulong GasLimit, FeeQuote Fees, KindDetails? Details);
