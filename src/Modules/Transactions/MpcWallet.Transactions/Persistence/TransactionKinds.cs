namespace MpcWallet.Transactions.Persistence;

/// <summary>What a transaction is; every kind becomes one EIP-1559 transaction (to, value, data) the wallet signs.</summary>
internal static class TransactionKinds
{
    /// <summary>Ether and/or call data as given (<c>{"to", "value", "data"}</c>); the default kind.</summary>
    public const string Transfer = "transfer";

    /// <summary><c>transfer(recipient, amount)</c> on an ERC-20 token contract (the transaction's <c>to</c>), value 0.</summary>
    public const string Erc20Transfer = "erc20Transfer";

    /// <summary>A function of a contract, encoded from an ABI fragment, the function's name or signature and arguments.</summary>
    public const string ContractCall = "contractCall";

    /// <summary>Sent in place of a transaction that failed before broadcast while later nonces were already taken.</summary>
    public const string NonceFiller = "nonce-filler";
}
