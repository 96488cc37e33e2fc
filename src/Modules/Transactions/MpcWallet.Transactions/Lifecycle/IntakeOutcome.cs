namespace MpcWallet.Transactions.Lifecycle;

internal enum IntakeOutcome
{
    Created,
    Existing,
    Refused,
    Conflict,
    Invalid,
    Unprocessable,
    Unavailable,
}
