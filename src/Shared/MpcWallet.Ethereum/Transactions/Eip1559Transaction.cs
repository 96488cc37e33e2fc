using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rlp;

namespace MpcWallet.Ethereum.Transactions;

/// <summary>
/// EIP-1559 (type 2): 0x02 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data,
/// accessList, yParity, r, s]) — the priority fee comes first; it signs keccak256(0x02 || rlp(the first nine
/// fields)). maxFeePerGas ≥ maxPriorityFeePerGas is enforced.
/// </summary>
public sealed class Eip1559Transaction : TypedTransaction
{
    public Eip1559Transaction(
        ulong chainId,
        ulong nonce,
        UInt256 maxPriorityFeePerGas,
        UInt256 maxFeePerGas,
        ulong gasLimit,
        EthereumAddress? to,
        UInt256 value,
        ReadOnlySpan<byte> data,
        IEnumerable<AccessListEntry>? accessList = null)
        : base(nonce, gasLimit, to, value, data)
    {
        if (maxFeePerGas < maxPriorityFeePerGas)
        {
            throw new ArgumentException("maxFeePerGas must be at least maxPriorityFeePerGas.", nameof(maxFeePerGas));
        }

        ChainId = CheckChainId(chainId);
        MaxPriorityFeePerGas = maxPriorityFeePerGas;
        MaxFeePerGas = maxFeePerGas;
        AccessList = (accessList ?? []).ToList().AsReadOnly();
        if (AccessList.Any(entry => entry is null))
        {
            throw new ArgumentException("Access-list entries must not be null.", nameof(accessList));
        }
    }

    public override TransactionType Type => TransactionType.DynamicFee;

    public override ulong? ChainId { get; }

    public UInt256 MaxPriorityFeePerGas { get; }

    public UInt256 MaxFeePerGas { get; }

    public IReadOnlyList<AccessListEntry> AccessList { get; }

    /// <summary>The price per gas actually paid in a block with the given base fee: min(maxFee, baseFee + tip).</summary>
    public UInt256 EffectiveGasPrice(UInt256 baseFeePerGas)
    {
        var withTip = baseFeePerGas.ToBigInteger() + MaxPriorityFeePerGas.ToBigInteger();
        return withTip < MaxFeePerGas.ToBigInteger() ? UInt256.FromBigInteger(withTip) : MaxFeePerGas;
    }

    private protected override List<byte[]> UnsignedFields() =>
    [
        RlpEncoder.EncodeInteger(ChainId!.Value),
        RlpEncoder.EncodeInteger(Nonce),
        RlpEncoder.EncodeInteger(MaxPriorityFeePerGas),
        RlpEncoder.EncodeInteger(MaxFeePerGas),
        RlpEncoder.EncodeInteger(GasLimit),
        EncodeTo(),
        RlpEncoder.EncodeInteger(Value),
        EncodeData(),
        AccessListEntry.EncodeList(AccessList),
    ];
}
