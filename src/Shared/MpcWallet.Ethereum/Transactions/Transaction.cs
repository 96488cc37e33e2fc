using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Hashing;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rlp;
using MpcWallet.Ethereum.Signatures;

namespace MpcWallet.Ethereum.Transactions;

/// <summary>
/// An unsigned transaction: the fields every type shares, the bytes a signer signs
/// (<see cref="GetSigningPayload"/> / <see cref="GetSigningHash"/>) and <see cref="Sign"/> to attach a signature.
/// Nonce and gas limit are 64-bit (as in every client); a <c>null</c> <see cref="To"/> creates a contract.
/// </summary>
public abstract class Transaction
{
    /// <summary>EIP-2294's bound, so that the legacy v = 2·chainId + 36 still fits in 64 bits.</summary>
    public const ulong MaxChainId = (ulong.MaxValue / 2) - 36;

    private readonly byte[] _data;

    private protected Transaction(ulong nonce, ulong gasLimit, EthereumAddress? to, UInt256 value, ReadOnlySpan<byte> data)
    {
        Nonce = nonce;
        GasLimit = gasLimit;
        To = to;
        Value = value;
        _data = data.ToArray();
    }

    public abstract TransactionType Type { get; }

    /// <summary>The chain the signature is bound to; null only for a legacy transaction without EIP-155.</summary>
    public abstract ulong? ChainId { get; }

    public ulong Nonce { get; }

    public ulong GasLimit { get; }

    public EthereumAddress? To { get; }

    public UInt256 Value { get; }

    public ReadOnlyMemory<byte> Data => _data;

    /// <summary>The exact bytes whose Keccak-256 is signed.</summary>
    public abstract byte[] GetSigningPayload();

    public byte[] GetSigningHash() => Keccak256.Hash(GetSigningPayload());

    /// <summary>
    /// Attaches a signature. Requires low s (EIP-2) and a signature that recovers to some key; the recovered sender
    /// is on the result — compare it with the intended signer before broadcasting.
    /// </summary>
    public SignedTransaction Sign(Signature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return SignedTransaction.Create(this, signature, null);
    }

    internal abstract byte[] EncodeSigned(Signature signature);

    private protected byte[] EncodeTo() => RlpEncoder.EncodeBytes(To is null ? [] : To.Bytes);

    private protected byte[] EncodeData() => RlpEncoder.EncodeBytes(_data);

    private protected static ulong CheckChainId(ulong chainId) =>
        chainId is >= 1 and <= MaxChainId
            ? chainId
            : throw new ArgumentOutOfRangeException(nameof(chainId), $"A chain id is in [1, {MaxChainId}].");
}
