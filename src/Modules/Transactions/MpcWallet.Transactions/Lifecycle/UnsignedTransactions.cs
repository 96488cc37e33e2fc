using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Gas;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Transactions;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// The EIP-1559 transaction an attempt signs: the stored request, its nonce and the attempt's fees — or, for an attempt
/// that cancels, a 0-value self-transfer without data (21000 gas) at the same nonce.
/// </summary>
internal static class UnsignedTransactions
{
    public static Eip1559Transaction Build(TransactionRecord transaction, bool cancels, UInt256 maxFeePerGas, UInt256 maxPriorityFeePerGas)
    {
        var nonce = (ulong)(transaction.Nonce ?? throw new InvalidOperationException($"transaction {transaction.Id} holds no nonce"));
        return cancels
            ? new Eip1559Transaction((ulong)transaction.ChainId, nonce, maxPriorityFeePerGas, maxFeePerGas, IntrinsicGas.TransactionCost, EthereumAddress.Parse(transaction.From), UInt256.Zero, [])
            : new Eip1559Transaction(
                (ulong)transaction.ChainId,
                nonce,
                maxPriorityFeePerGas,
                maxFeePerGas,
                (ulong)transaction.GasLimit,
                EthereumAddress.Parse(transaction.To),
                UInt256.Parse(transaction.Value),
                HexBytes.Parse(transaction.Data));
    }

    public static Eip1559Transaction Build(TransactionRecord transaction, AttemptRecord attempt) =>
        Build(transaction, attempt.Cancels, UInt256.Parse(attempt.MaxFeePerGas), UInt256.Parse(attempt.MaxPriorityFeePerGas));
}
