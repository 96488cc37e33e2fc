using System.Text;
using System.Text.Json;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Infrastructure.Http;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>
/// Turns a signature request into what it signs (<see cref="SigningPreImage"/>) and the 32 bytes to sign, computed
/// from it exactly as every node will compute them again (or the validation errors).
/// </summary>
internal static class SignaturePayload
{
    public const string Digest = SigningPreImageText.Digest;
    public const string PersonalMessageType = SigningPreImageText.PersonalMessage;
    public const string TypedDataType = SigningPreImageText.TypedData;

    public static (SigningPreImage? PreImage, byte[]? Digest, Dictionary<string, string[]> Errors) Resolve(CreateSignatureRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var (preImage, field) = Read(request, errors);
        if (preImage is null)
        {
            return (null, null, errors);
        }

        try
        {
            return (preImage, preImage.Digest(), errors);
        }
        catch (SigningPreImageException e)
        {
            errors[field] = [e.Message];
            return (null, null, errors);
        }
    }

    private static (SigningPreImage? PreImage, string Field) Read(CreateSignatureRequest request, Dictionary<string, string[]> errors)
    {
        switch (request.Type)
        {
            case Digest:
                if (!TryHex(request.Digest, out var digest) || digest.Length != SigningPreImage.DigestLength)
                {
                    errors["digest"] = ["digest must be 0x followed by 64 hex digits (32 bytes)"];
                    return (null, "digest");
                }

                return (SigningPreImage.RawDigest(digest), "digest");
            case PersonalMessageType:
                if ((request.Message is null) == (request.MessageHex is null))
                {
                    errors["message"] = ["give exactly one of message (text) or messageHex (0x-hex bytes)"];
                    return (null, "message");
                }

                byte[] message;
                if (request.Message is not null)
                {
                    message = Encoding.UTF8.GetBytes(request.Message);
                }
                else if (!TryHex(request.MessageHex, out message))
                {
                    errors["messageHex"] = ["messageHex must be 0x followed by an even number of hex digits"];
                    return (null, "messageHex");
                }

                if (message.Length > SigningPreImage.MaxMessageBytes)
                {
                    errors["message"] = [$"the message must be at most {SigningPreImage.MaxMessageBytes} bytes"];
                    return (null, "message");
                }

                return (SigningPreImage.PersonalMessage(message), "message");
            case TypedDataType:
                if (TypedDataObject(request.TypedData) is not { } typedData)
                {
                    errors["typedData"] = ["typedData must be an object with types, primaryType, domain and message, or that object as a JSON string (as eth_signTypedData_v4 sends it)"];
                    return (null, "typedData");
                }

                // The JSON text as given is the pre-image the nodes read (the body was read strictly: no duplicate names).
                return (SigningPreImage.TypedData(typedData.GetRawText()), "typedData");
            default:
                errors["type"] = ["type must be one of digest, personalMessage, typedData"];
                return (null, "type");
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
