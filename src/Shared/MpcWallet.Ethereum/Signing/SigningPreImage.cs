using System.Text;
using System.Text.Json;
using MpcWallet.Ethereum.Hashing;
using MpcWallet.Ethereum.Messages;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Signing;

/// <summary>
/// What a signature is over — an unsigned EIP-1559 transaction, a personal message, EIP-712 typed data, or a raw
/// digest marked as such — and the 32-byte digest computed from it. The API computes the digest it asks for from the
/// pre-image, and every MPC node computes it again from the same bytes and refuses a command whose digest differs
/// (docs/design-trust.md, "Commands a node can check"): one implementation here, so both sides agree by construction.
/// Reading is strict (a transaction must decode and re-encode to the same bytes; typed data must be one JSON object
/// without duplicate member names) so that what a later check reads is exactly what is signed.
/// </summary>
public sealed class SigningPreImage
{
    /// <summary>Largest personal message (as personal_sign and the REST API accept).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Largest typed-data JSON (the REST API's body limit) and unsigned transaction payload.</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    public const int DigestLength = 32;

    private const int MaxJsonDepth = 64;

    private readonly byte[] _bytes;

    private SigningPreImage(SigningPreImageKind kind, byte[] bytes)
    {
        Kind = kind;
        _bytes = bytes;
    }

    public SigningPreImageKind Kind { get; }

    /// <summary>The pre-image as carried: the transaction payload, the message, the typed data's UTF-8 JSON, or the digest.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    public static SigningPreImage Eip1559Transaction(ReadOnlySpan<byte> payload) => new(SigningPreImageKind.Eip1559Transaction, payload.ToArray());

    public static SigningPreImage PersonalMessage(ReadOnlySpan<byte> message) => new(SigningPreImageKind.PersonalMessage, message.ToArray());

    public static SigningPreImage TypedData(string json) => new(SigningPreImageKind.TypedData, Encoding.UTF8.GetBytes(json));

    public static SigningPreImage RawDigest(ReadOnlySpan<byte> digest) => new(SigningPreImageKind.RawDigest, digest.ToArray());

    public static SigningPreImage Of(SigningPreImageKind kind, ReadOnlySpan<byte> bytes) => new(kind, bytes.ToArray());

    /// <summary>The typed data as JSON text (only for <see cref="SigningPreImageKind.TypedData"/>).</summary>
    public string Text => Kind == SigningPreImageKind.TypedData ? Encoding.UTF8.GetString(_bytes) : throw new InvalidOperationException($"a {Kind} pre-image is not text");

    /// <summary>The 32 bytes to sign.</summary>
    /// <exception cref="SigningPreImageException">the pre-image is malformed or too large for its kind.</exception>
    public byte[] Digest() => Kind switch
    {
        SigningPreImageKind.Eip1559Transaction => TransactionDigest(_bytes),
        SigningPreImageKind.PersonalMessage => _bytes.Length <= MaxMessageBytes
            ? Messages.PersonalMessage.Hash(_bytes)
            : throw new SigningPreImageException($"a personal message must be at most {MaxMessageBytes} bytes"),
        SigningPreImageKind.TypedData => TypedDataDigest(_bytes),
        SigningPreImageKind.RawDigest => _bytes.Length == DigestLength
            ? (byte[])_bytes.Clone()
            : throw new SigningPreImageException($"a raw digest must be {DigestLength} bytes"),
        _ => throw new SigningPreImageException($"unknown pre-image kind {Kind}"),
    };

    private static byte[] TransactionDigest(byte[] payload)
    {
        if (payload.Length > MaxDocumentBytes)
        {
            throw new SigningPreImageException($"an unsigned transaction must be at most {MaxDocumentBytes} bytes");
        }

        try
        {
            var transaction = TransactionDecoder.DecodeUnsigned(payload);
            if (transaction is not Transactions.Eip1559Transaction)
            {
                throw new SigningPreImageException("the unsigned transaction is not an EIP-1559 transaction");
            }

            return Keccak256.Hash(payload);
        }
        catch (TransactionDecodingException e)
        {
            throw new SigningPreImageException("not an unsigned EIP-1559 transaction: " + e.Message, e);
        }
    }

    private static byte[] TypedDataDigest(byte[] json)
    {
        if (json.Length > MaxDocumentBytes)
        {
            throw new SigningPreImageException($"typed data must be at most {MaxDocumentBytes} bytes of JSON");
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxJsonDepth, AllowDuplicateProperties = false });
            return Messages.TypedData.FromJson(document.RootElement).Hash();
        }
        catch (JsonException e)
        {
            throw new SigningPreImageException("typed data is not valid JSON (or has duplicate member names): " + e.Message, e);
        }
        catch (Exception e) when (e is TypedDataException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            throw new SigningPreImageException("typed data is not valid EIP-712: " + e.Message, e);
        }
    }
}
