namespace MpcWallet.Transactions.Lifecycle;

internal enum IntakeOutcome
{
    Created,
    Existing,
    Conflict,
    Invalid,
    Unprocessable,
    Unavailable,
}
