using System.Numerics;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rlp;
using MpcWallet.Ethereum.Signatures;

namespace MpcWallet.Ethereum.Transactions;

/// <summary>
/// Decodes signed raw transactions (legacy, EIP-2930, EIP-1559) from untrusted bytes. Everything is checked: canonical
/// RLP, field counts, 64-bit nonce and gas limit, 256-bit amounts, 20-byte addresses, 32-byte storage keys, legacy v
/// (27/28 or EIP-155 ≥ 37), y-parity 0/1, 0 &lt; r, s &lt; n, low s, and that a sender can be recovered.
/// Any failure is a <see cref="TransactionDecodingException"/>; no other exception escapes for any input.
/// </summary>
public static class TransactionDecoder
{
    /// <summary>Default upper bound on a raw transaction (geth's pool takes 128 KiB; blocks allow more).</summary>
    public const int DefaultMaxLength = 1024 * 1024;

    private static readonly RlpLimits Limits = new() { MaxDepth = 4, MaxInputLength = DefaultMaxLength };

    public static SignedTransaction Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            throw new TransactionDecodingException("The transaction is empty.");
        }

        if (raw.Length > DefaultMaxLength)
        {
            throw new TransactionDecodingException($"The transaction has {raw.Length} bytes, more than {DefaultMaxLength}.");
        }

        try
        {
            var first = raw[0];
            return first switch
            {
                >= 0xc0 => DecodeLegacy(raw),
                (byte)TransactionType.AccessList => DecodeAccessList(raw),
                (byte)TransactionType.DynamicFee => DecodeDynamicFee(raw),
                < 0x80 => throw new TransactionDecodingException($"Transaction type 0x{first:x2} is not supported."),
                _ => throw new TransactionDecodingException(
                    "The input is an RLP byte string, not a transaction (a typed transaction wrapped as in block bodies? unwrap it first)."),
            };
        }
        catch (RlpException e)
        {
            throw new TransactionDecodingException("Malformed RLP: " + e.Message, e);
        }
        catch (SignatureException e)
        {
            throw new TransactionDecodingException("Invalid signature: " + e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw new TransactionDecodingException("Invalid field: " + e.Message, e);
        }
    }

    /// <summary>
    /// Decodes the payload an EIP-1559 transaction signs, 0x02 ‖ rlp(the nine unsigned fields), with the same checks
    /// as a signed one, and insists it re-encodes to exactly these bytes (so its hash is the transaction's signing hash).
    /// </summary>
    public static Transaction DecodeUnsigned(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || payload[0] != (byte)TransactionType.DynamicFee)
        {
            throw new TransactionDecodingException("An unsigned transaction payload must start with type 0x02 (EIP-1559).");
        }

        if (payload.Length > DefaultMaxLength)
        {
            throw new TransactionDecodingException($"The transaction has {payload.Length} bytes, more than {DefaultMaxLength}.");
        }

        try
        {
            var transaction = ReadDynamicFeeFields(RlpDecoder.Decode(payload[1..], Limits).AsList(9, "unsigned EIP-1559 transaction"));
            return transaction.GetSigningPayload().AsSpan().SequenceEqual(payload)
                ? transaction
                : throw new TransactionDecodingException("The payload is not the canonical encoding of its transaction.");
        }
        catch (RlpException e)
        {
            throw new TransactionDecodingException("Malformed RLP: " + e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw new TransactionDecodingException("Invalid field: " + e.Message, e);
        }
    }

    public static SignedTransaction Decode(string rawHex) =>
        HexBytes.TryParse(rawHex, out var raw)
            ? Decode(raw)
            : throw new TransactionDecodingException("The raw transaction is not 0x-prefixed hex.");

    private static SignedTransaction DecodeLegacy(ReadOnlySpan<byte> raw)
    {
        var f = RlpDecoder.Decode(raw, Limits).AsList(9, "legacy transaction");
        var v = f[6].AsUInt256("v").ToBigInteger();
        ulong? chainId;
        byte parity;
        if (v == 27 || v == 28)
        {
            chainId = null;
            parity = (byte)(v - 27);
        }
        else if (v >= 37 && (v - 35) / 2 <= Transaction.MaxChainId)
        {
            chainId = (ulong)((v - 35) / 2);
            parity = (byte)((v - 35) % 2);
        }
        else
        {
            throw new TransactionDecodingException($"Legacy v = {v} is neither 27/28 nor EIP-155 (35 + 2·chainId + parity, chainId in [1, {Transaction.MaxChainId}]).");
        }

        var transaction = new LegacyTransaction(
            chainId,
            nonce: f[0].AsUInt64("nonce"),
            gasPrice: f[1].AsUInt256("gasPrice"),
            gasLimit: f[2].AsUInt64("gasLimit"),
            to: ReadTo(f[3]),
            value: f[4].AsUInt256("value"),
            data: f[5].AsBytes("data"));
        var signature = ReadSignature(parity, f[7], f[8]);
        return SignedTransaction.Create(transaction, signature, raw.ToArray());
    }

    private static SignedTransaction DecodeAccessList(ReadOnlySpan<byte> raw)
    {
        var f = RlpDecoder.Decode(raw[1..], Limits).AsList(11, "EIP-2930 transaction");
        var transaction = new AccessListTransaction(
            chainId: ReadChainId(f[0]),
            nonce: f[1].AsUInt64("nonce"),
            gasPrice: f[2].AsUInt256("gasPrice"),
            gasLimit: f[3].AsUInt64("gasLimit"),
            to: ReadTo(f[4]),
            value: f[5].AsUInt256("value"),
            data: f[6].AsBytes("data"),
            accessList: ReadAccessList(f[7]));
        var signature = ReadSignature(ReadParity(f[8]), f[9], f[10]);
        return SignedTransaction.Create(transaction, signature, raw.ToArray());
    }

    private static SignedTransaction DecodeDynamicFee(ReadOnlySpan<byte> raw)
    {
        var f = RlpDecoder.Decode(raw[1..], Limits).AsList(12, "EIP-1559 transaction");
        var transaction = ReadDynamicFeeFields(f);
        var signature = ReadSignature(ReadParity(f[9]), f[10], f[11]);
        return SignedTransaction.Create(transaction, signature, raw.ToArray());
    }

    /// <summary>The first nine fields of a type-2 transaction, signed (then three more follow) or not.</summary>
    private static Eip1559Transaction ReadDynamicFeeFields(IReadOnlyList<RlpItem> f) => new(
        chainId: ReadChainId(f[0]),
        nonce: f[1].AsUInt64("nonce"),
        maxPriorityFeePerGas: f[2].AsUInt256("maxPriorityFeePerGas"),
        maxFeePerGas: f[3].AsUInt256("maxFeePerGas"),
        gasLimit: f[4].AsUInt64("gasLimit"),
        to: ReadTo(f[5]),
        value: f[6].AsUInt256("value"),
        data: f[7].AsBytes("data"),
        accessList: ReadAccessList(f[8]));

    private static ulong ReadChainId(RlpItem item)
    {
        var chainId = item.AsUInt256("chainId").ToBigInteger();
        return chainId >= 1 && chainId <= Transaction.MaxChainId
            ? (ulong)chainId
            : throw new TransactionDecodingException($"chainId {chainId} is outside [1, {Transaction.MaxChainId}].");
    }

    private static byte ReadParity(RlpItem item)
    {
        var parity = item.AsUInt64("yParity");
        return parity <= 1 ? (byte)parity : throw new TransactionDecodingException($"yParity must be 0 or 1, found {parity}.");
    }

    private static EthereumAddress? ReadTo(RlpItem item)
    {
        var bytes = item.AsBytes("to");
        return bytes.Length switch
        {
            0 => null,
            EthereumAddress.Length => EthereumAddress.FromBytes(bytes),
            _ => throw new TransactionDecodingException($"to: expected 0 or 20 bytes, found {bytes.Length}."),
        };
    }

    private static List<AccessListEntry> ReadAccessList(RlpItem item)
    {
        if (!item.IsList)
        {
            throw new TransactionDecodingException("accessList: expected a list.");
        }

        var entries = new List<AccessListEntry>(item.Items.Count);
        foreach (var entry in item.Items)
        {
            var pair = entry.AsList(2, "access-list entry");
            var address = EthereumAddress.FromBytes(pair[0].AsFixedBytes(EthereumAddress.Length, "access-list address"));
            if (!pair[1].IsList)
            {
                throw new TransactionDecodingException("access-list storage keys: expected a list.");
            }

            var keys = pair[1].Items.Select(key => key.AsFixedBytes(AccessListEntry.StorageKeyLength, "storage key")).ToList();
            entries.Add(new AccessListEntry(address, keys));
        }

        return entries;
    }

    private static Signature ReadSignature(byte parity, RlpItem r, RlpItem s)
    {
        var signature = new Signature(r.AsUInt256("r"), s.AsUInt256("s"), parity);
        return signature.IsLowS
            ? signature
            : throw new TransactionDecodingException("s is above n/2 (EIP-2 requires low s).");
    }

}
