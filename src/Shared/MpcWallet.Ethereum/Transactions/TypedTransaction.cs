using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rlp;
using MpcWallet.Ethereum.Signatures;

namespace MpcWallet.Ethereum.Transactions;

/// <summary>
/// An EIP-2718 typed transaction: type byte ‖ rlp(fields) is signed, and type byte ‖ rlp(fields ‖ yParity, r, s) is
/// the signed encoding. Subclasses only list their unsigned fields.
/// </summary>
public abstract class TypedTransaction : Transaction
{
    private protected TypedTransaction(ulong nonce, ulong gasLimit, EthereumAddress? to, UInt256 value, ReadOnlySpan<byte> data)
        : base(nonce, gasLimit, to, value, data)
    {
    }

    public override byte[] GetSigningPayload() => Typed(RlpEncoder.EncodeList(UnsignedFields()));

    internal override byte[] EncodeSigned(Signature signature)
    {
        var fields = UnsignedFields();
        fields.Add(RlpEncoder.EncodeInteger(signature.YParity));
        fields.Add(RlpEncoder.EncodeInteger(signature.R));
        fields.Add(RlpEncoder.EncodeInteger(signature.S));
        return Typed(RlpEncoder.EncodeList(fields));
    }

    /// <summary>The RLP-encoded fields before the signature, in the type's order.</summary>
    private protected abstract List<byte[]> UnsignedFields();

    private byte[] Typed(byte[] rlpList)
    {
        var output = new byte[1 + rlpList.Length];
        output[0] = (byte)Type;
        rlpList.CopyTo(output, 1);
        return output;
    }
}
