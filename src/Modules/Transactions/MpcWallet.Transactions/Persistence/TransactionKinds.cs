namespace MpcWallet.Transactions.Persistence;

internal static class TransactionKinds
{
    public const string Transfer = "transfer";

    /// <summary>Sent in place of a transaction that failed before broadcast while later nonces were already taken.</summary>
    public const string NonceFiller = "nonce-filler";
}
