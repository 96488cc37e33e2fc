using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>
/// Why a mined transaction reverted: the call replayed on the parent block and its revert data decoded by the shared
/// <see cref="RevertReason"/> (reason string, panic, or a custom error of the ABI a contract call was given).
/// </summary>
internal static class RevertReasons
{
    public static async Task<string> ExplainAsync(Chain chain, TransactionRecord transaction, ulong blockNumber, CancellationToken cancellationToken)
    {
        var prefix = $"reverted in block {blockNumber} (receipt status 0)";
        try
        {
            await chain.Client.CallAsync(
                new TransactionCallRequest
                {
                    From = EthereumAddress.Parse(transaction.From),
                    To = EthereumAddress.Parse(transaction.To),
                    Value = UInt256.Parse(transaction.Value),
                    Data = HexBytes.Parse(transaction.Data),
                    Gas = (ulong)transaction.GasLimit,
                },
                BlockParameter.Number(blockNumber == 0 ? 0 : blockNumber - 1),
                cancellationToken);
            return prefix;
        }
        catch (ExecutionRevertedException e)
        {
            return $"{prefix}: {RevertReason.Decode(e.RevertData is { } data ? data.Span : [], CustomErrors(transaction)).Description}";
        }
        catch (Exception e) when (e is EthereumRpcException or EthereumRpcTransportException or EthereumRpcResponseException)
        {
            return prefix;
        }
    }

    private static IEnumerable<AbiError> CustomErrors(TransactionRecord transaction)
    {
        var errors = new List<AbiError>();
        foreach (var item in KindDetails.FromJson(transaction.Details)?.Errors ?? [])
        {
            try
            {
                errors.Add(AbiError.FromJson(item));
            }
            catch (AbiException)
            {
                // Read when the call was accepted; an item that no longer reads only costs the error's name.
            }
        }

        return errors;
    }
}
