using System.Text;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Lifecycle;

/// <summary>Why a mined transaction reverted: the call replayed on the parent block, its Error(string) decoded when present.</summary>
internal static class RevertReasons
{
    private static readonly byte[] ErrorSelector = [0x08, 0xc3, 0x79, 0xa0];

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
            return $"{prefix}: {Decode(e.RevertData) ?? e.Message}";
        }
        catch (Exception e) when (e is EthereumRpcException or EthereumRpcTransportException or EthereumRpcResponseException)
        {
            return prefix;
        }
    }

    public static string? Decode(ReadOnlyMemory<byte>? revertData)
    {
        if (revertData is not { } data || data.Length < 68 || !data.Span[..4].SequenceEqual(ErrorSelector))
        {
            return null;
        }

        var body = data.Span[4..];
        var declared = UInt256.FromBigEndian(body[32..64]).ToBigInteger();
        var length = (int)System.Numerics.BigInteger.Min(declared, body.Length - 64);
        return length < 0 ? null : Encoding.UTF8.GetString(body.Slice(64, length));
    }
}
