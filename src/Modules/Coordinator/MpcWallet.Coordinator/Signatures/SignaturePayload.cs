using System.Text;
using System.Text.Json;
using MpcWallet.Ethereum.Messages;
using MpcWallet.Infrastructure.Http;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>Turns a signature request into the 32 bytes to sign (or the validation errors).</summary>
internal static class SignaturePayload
{
    public const string Digest = "digest";
    public const string PersonalMessageType = "personalMessage";
    public const string TypedDataType = "typedData";
    private const int MaxMessageBytes = 64 * 1024;

    public static (byte[]? Digest, Dictionary<string, string[]> Errors) Resolve(CreateSignatureRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        switch (request.Type)
        {
            case Digest:
                if (!TryHex(request.Digest, out var digest) || digest.Length != 32)
                {
                    errors["digest"] = ["digest must be 0x followed by 64 hex digits (32 bytes)"];
                    return (null, errors);
                }

                return (digest, errors);
            case PersonalMessageType:
                if ((request.Message is null) == (request.MessageHex is null))
                {
                    errors["message"] = ["give exactly one of message (text) or messageHex (0x-hex bytes)"];
                    return (null, errors);
                }

                byte[] message;
                if (request.Message is not null)
                {
                    message = Encoding.UTF8.GetBytes(request.Message);
                }
                else if (!TryHex(request.MessageHex, out message))
                {
                    errors["messageHex"] = ["messageHex must be 0x followed by an even number of hex digits"];
                    return (null, errors);
                }

                if (message.Length > MaxMessageBytes)
                {
                    errors["message"] = [$"the message must be at most {MaxMessageBytes} bytes"];
                    return (null, errors);
                }

                return (PersonalMessage.Hash(message), errors);
            case TypedDataType:
                if (TypedDataObject(request.TypedData) is not { } typedData)
                {
                    errors["typedData"] = ["typedData must be an object with types, primaryType, domain and message, or that object as a JSON string (as eth_signTypedData_v4 sends it)"];
                    return (null, errors);
                }

                try
                {
                    return (TypedData.FromJson(typedData).Hash(), errors);
                }
                catch (Exception e) when (e is TypedDataException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
                {
                    errors["typedData"] = ["typedData is not valid EIP-712: " + e.Message];
                    return (null, errors);
                }
            default:
                errors["type"] = ["type must be one of digest, personalMessage, typedData"];
                return (null, errors);
        }
    }

    /// <summary>
    /// The typed data object, given as an object or as JSON text in a string (eth_signTypedData_v4 clients send the
    /// latter). The text is read as strictly as a body: no duplicate member names, the body's depth limit.
    /// </summary>
    private static JsonElement? TypedDataObject(JsonElement? value)
    {
        if (value is { ValueKind: JsonValueKind.Object } typedObject)
        {
            return typedObject;
        }

        if (value is not { ValueKind: JsonValueKind.String } text)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text.GetString()!, new JsonDocumentOptions { MaxDepth = JsonBody.MaxDepth, AllowDuplicateProperties = false });
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryHex(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null || !text.StartsWith("0x", StringComparison.Ordinal) || text.Length % 2 != 0)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(text.AsSpan(2));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
