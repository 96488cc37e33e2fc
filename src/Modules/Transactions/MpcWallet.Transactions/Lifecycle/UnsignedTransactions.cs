using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Transactions;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>The EIP-1559 transaction an attempt signs: the stored request, its nonce, and the attempt's fees.</summary>
internal static class UnsignedTransactions
{
    public static Eip1559Transaction Build(TransactionRecord transaction, UInt256 maxFeePerGas, UInt256 maxPriorityFeePerGas) =>
        new(
            (ulong)transaction.ChainId,
            (ulong)(transaction.Nonce ?? throw new InvalidOperationException($"transaction {transaction.Id} holds no nonce")),
            maxPriorityFeePerGas,
            maxFeePerGas,
            (ulong)transaction.GasLimit,
            EthereumAddress.Parse(transaction.To),
            UInt256.Parse(transaction.Value),
            HexBytes.Parse(transaction.Data));

    public static Eip1559Transaction Build(TransactionRecord transaction, AttemptRecord attempt) =>
        Build(transaction, UInt256.Parse(attempt.MaxFeePerGas), UInt256.Parse(attempt.MaxPriorityFeePerGas));
}
