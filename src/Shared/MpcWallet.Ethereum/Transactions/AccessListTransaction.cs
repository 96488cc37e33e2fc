using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rlp;

namespace MpcWallet.Ethereum.Transactions;

/// <summary>
/// EIP-2930 (type 1): 0x01 || rlp([chainId, nonce, gasPrice, gasLimit, to, value, data, accessList, yParity, r, s]);
/// it signs keccak256(0x01 || rlp(the first eight fields)).
/// </summary>
public sealed class AccessListTransaction : TypedTransaction
{
    public AccessListTransaction(
        ulong chainId,
        ulong nonce,
        UInt256 gasPrice,
        ulong gasLimit,
        EthereumAddress? to,
        UInt256 value,
        ReadOnlySpan<byte> data,
        IEnumerable<AccessListEntry>? accessList = null)
        : base(nonce, gasLimit, to, value, data)
    {
        ChainId = CheckChainId(chainId);
        GasPrice = gasPrice;
        AccessList = (accessList ?? []).ToList().AsReadOnly();
        if (AccessList.Any(entry => entry is null))
        {
            throw new ArgumentException("Access-list entries must not be null.", nameof(accessList));
        }
    }

    public override TransactionType Type => TransactionType.AccessList;

    public override ulong? ChainId { get; }

    public UInt256 GasPrice { get; }

    public IReadOnlyList<AccessListEntry> AccessList { get; }

    private protected override List<byte[]> UnsignedFields() =>
    [
        RlpEncoder.EncodeInteger(ChainId!.Value),
        RlpEncoder.EncodeInteger(Nonce),
        RlpEncoder.EncodeInteger(GasPrice),
        RlpEncoder.EncodeInteger(GasLimit),
        EncodeTo(),
        RlpEncoder.EncodeInteger(Value),
        EncodeData(),
        AccessListEntry.EncodeList(AccessList),
    ];
}
