namespace MpcWallet.Ethereum.Transactions;

/// <summary>The EIP-2718 transaction type byte (legacy transactions have none on the wire).</summary>
public enum TransactionType : byte
{
    Legacy = 0x00,

    /// <summary>EIP-2930 (type 1).</summary>
    AccessList = 0x01,

    /// <summary>EIP-1559 (type 2).</summary>
    DynamicFee = 0x02,
}
