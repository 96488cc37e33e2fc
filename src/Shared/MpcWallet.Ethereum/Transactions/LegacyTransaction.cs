using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rlp;
using MpcWallet.Ethereum.Signatures;

namespace MpcWallet.Ethereum.Transactions;

/// <summary>
/// A legacy transaction rlp([nonce, gasPrice, gasLimit, to, value, data, v, r, s]). With a chain id it signs the
/// EIP-155 payload rlp([… data, chainId, 0, 0]) and v = 35 + 2·chainId + parity; without one (pre-EIP-155,
/// replayable on every chain) it signs the six fields and v = 27 + parity.
/// </summary>
public sealed class LegacyTransaction : Transaction
{
    public LegacyTransaction(ulong? chainId, ulong nonce, UInt256 gasPrice, ulong gasLimit, EthereumAddress? to, UInt256 value, ReadOnlySpan<byte> data)
        : base(nonce, gasLimit, to, value, data)
    {
        ChainId = chainId is { } id ? CheckChainId(id) : null;
        GasPrice = gasPrice;
    }

    public override TransactionType Type => TransactionType.Legacy;

    public override ulong? ChainId { get; }

    public UInt256 GasPrice { get; }

    public override byte[] GetSigningPayload()
    {
        var fields = new List<byte[]>(9);
        fields.AddRange(CommonFields());
        if (ChainId is { } id)
        {
            fields.Add(RlpEncoder.EncodeInteger(id));
            fields.Add(RlpEncoder.EncodeInteger(0UL));
            fields.Add(RlpEncoder.EncodeInteger(0UL));
        }

        return RlpEncoder.EncodeList(fields);
    }

    internal override byte[] EncodeSigned(Signature signature)
    {
        var fields = new List<byte[]>(9);
        fields.AddRange(CommonFields());
        fields.Add(RlpEncoder.EncodeInteger(UInt256.FromBigInteger(signature.LegacyV(ChainId))));
        fields.Add(RlpEncoder.EncodeInteger(signature.R));
        fields.Add(RlpEncoder.EncodeInteger(signature.S));
        return RlpEncoder.EncodeList(fields);
    }

    private byte[][] CommonFields() =>
    [
        RlpEncoder.EncodeInteger(Nonce),
        RlpEncoder.EncodeInteger(GasPrice),
        RlpEncoder.EncodeInteger(GasLimit),
        EncodeTo(),
        RlpEncoder.EncodeInteger(Value),
        EncodeData(),
    ];
}
