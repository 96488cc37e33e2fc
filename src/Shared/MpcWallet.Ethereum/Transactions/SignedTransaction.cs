using System.Numerics;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Hashing;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signatures;

namespace MpcWallet.Ethereum.Transactions;

/// <summary>
/// A transaction with its signature: the raw bytes for eth_sendRawTransaction (the EIP-2718 envelope; for legacy
/// the bare RLP list), the transaction hash (Keccak-256 of those bytes) and the sender recovered from the signature.
/// </summary>
public sealed class SignedTransaction
{
    private readonly byte[] _raw;
    private readonly byte[] _hash;

    private SignedTransaction(Transaction transaction, Signature signature, byte[] raw, EthereumAddress sender)
    {
        Transaction = transaction;
        Signature = signature;
        _raw = raw;
        _hash = Keccak256.Hash(raw);
        Sender = sender;
    }

    public Transaction Transaction { get; }

    public Signature Signature { get; }

    public TransactionType Type => Transaction.Type;

    /// <summary>The address the signature recovers to over the transaction's signing hash.</summary>
    public EthereumAddress Sender { get; }

    /// <summary>The signed encoding, as eth_sendRawTransaction takes it.</summary>
    public ReadOnlyMemory<byte> RawBytes => _raw;

    public ReadOnlyMemory<byte> Hash => _hash;

    public string RawHex => HexBytes.ToHex(_raw);

    /// <summary>The transaction hash as 0x + 64 lowercase hex digits (the form nodes return).</summary>
    public string HashHex => HexBytes.ToHex(_hash);

    /// <summary>The legacy v value (27/28 or EIP-155); for typed transactions the y-parity.</summary>
    public BigInteger V => Transaction.Type == TransactionType.Legacy ? Signature.LegacyV(Transaction.ChainId) : Signature.YParity;

    internal static SignedTransaction Create(Transaction transaction, Signature signature, byte[]? raw)
    {
        if (!signature.IsLowS)
        {
            throw new SignatureException("Transactions need a low-s signature (EIP-2); normalise with Signature.ToLowS().");
        }

        var sender = SignatureRecovery.RecoverAddress(transaction.GetSigningHash(), signature);
        return new SignedTransaction(transaction, signature, raw ?? transaction.EncodeSigned(signature), sender);
    }

    public override string ToString() => $"{Type} transaction {HashHex} from {Sender}";
}
