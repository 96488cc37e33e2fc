using System.Text.Json;
using System.Text.Json.Nodes;

namespace MpcWallet.Client.Signatures;

/// <summary>
/// What to sign: <see cref="Digest(ReadOnlySpan{byte})"/> (a prepared 32-byte hash; only on a wallet created with
/// <c>AllowRawDigest</c>, else the service answers 422), <see cref="PersonalMessage(string)"/> (EIP-191
/// personal_sign) or <see cref="TypedData(JsonElement)"/> (EIP-712, the eth_signTypedData_v4 JSON). The service
/// computes the hash of messages and typed data itself, and every node computes it again.
/// </summary>
public abstract record SignatureRequest
{
    private protected SignatureRequest()
    {
    }

    public static SignatureRequest Digest(ReadOnlySpan<byte> digest) =>
        digest.Length == 32 ? new DigestSignatureRequest(Hex(digest)) : throw new ArgumentException("A digest is 32 bytes.", nameof(digest));

    /// <summary>personal_sign of the UTF-8 bytes of <paramref name="message"/>.</summary>
    public static SignatureRequest PersonalMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new PersonalMessageSignatureRequest(message, null);
    }

    /// <summary>personal_sign of raw bytes.</summary>
    public static SignatureRequest PersonalMessage(ReadOnlySpan<byte> message) => new PersonalMessageSignatureRequest(null, Hex(message));

    /// <summary>EIP-712 typed data: an object with types, primaryType, domain and message.</summary>
    public static SignatureRequest TypedData(JsonElement typedData) =>
        typedData.ValueKind == JsonValueKind.Object
            ? new TypedDataSignatureRequest(typedData.Clone())
            : throw new ArgumentException("Typed data is a JSON object.", nameof(typedData));

    /// <summary>EIP-712 typed data given as JSON text, as eth_signTypedData_v4 callers pass it.</summary>
    public static SignatureRequest TypedData(string typedDataJson)
    {
        ArgumentNullException.ThrowIfNull(typedDataJson);
        using var document = JsonDocument.Parse(typedDataJson);
        return TypedData(document.RootElement);
    }

    /// <summary>
    /// The non-hardened BIP32 path ("m/0/7") of the key that signs, below the wallet's root; null for the root key.
    /// Use <c>with</c>: <c>SignatureRequest.PersonalMessage("hi") with { DerivationPath = "m/0/7" }</c>.
    /// </summary>
    public string? DerivationPath { get; init; }

    internal JsonObject ToJson()
    {
        var body = WriteType();
        if (DerivationPath is { } path)
        {
            body["derivationPath"] = path;
        }

        return body;
    }

    /// <summary>The body's <c>type</c> and the members that type needs.</summary>
    private protected abstract JsonObject WriteType();

    private static string Hex(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
