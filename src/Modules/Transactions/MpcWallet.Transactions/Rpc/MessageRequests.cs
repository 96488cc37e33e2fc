using System.Text;
using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Messages;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Signing;
using MpcWallet.Infrastructure.Http;

namespace MpcWallet.Transactions.Rpc;

/// <summary>
/// The params of the message-signing methods, read into what is signed (the pre-image; the coordinator and every node
/// compute its digest). <c>personal_sign</c> is <c>[message, address]</c> and <c>eth_sign</c>
/// <c>[address, message]</c> (execution-apis: "an EIP-191 signature over the provided data"; not MetaMask's old raw
/// eth_sign) with the message as 0x-hex bytes (as ethers, cast and MetaMask send it; text is not guessed at: a string
/// that is not hex is -32602), hashed per EIP-191 (version 0x45). <c>eth_signTypedData_v4</c>
/// is <c>[address, typedData]</c> with the typed data as a JSON string (or object), read as strictly as a body,
/// hashed per EIP-712; a domain <c>chainId</c> other than the endpoint's chain is refused (as MetaMask does), so a
/// permit is never signed for another chain by mistake. The address must be the wallet's.
/// </summary>
internal static class MessageRequests
{
    public const int MaxMessageBytes = 64 * 1024;

    public static (SigningPreImage? PreImage, JsonRpcError? Error) PersonalMessage(WalletRpcContext context, JsonRpcRequest request) =>
        request.ByName || request.Count != 2
            ? (null, JsonRpcError.InvalidParams("personal_sign takes [message (0x-hex bytes), address]"))
            : Message(context, request.Param(0), request.Param(1));

    /// <summary><c>eth_sign</c>: <c>[address, message]</c>, signed as personal_sign signs it.</summary>
    public static (SigningPreImage? PreImage, JsonRpcError? Error) EthSign(WalletRpcContext context, JsonRpcRequest request) =>
        request.ByName || request.Count != 2
            ? (null, JsonRpcError.InvalidParams("eth_sign takes [address, message (0x-hex bytes)] and signs it per EIP-191, as personal_sign does"))
            : Message(context, request.Param(1), request.Param(0));

    private static (SigningPreImage? PreImage, JsonRpcError? Error) Message(WalletRpcContext context, JsonElement? data, JsonElement? address)
    {
        if (data is not { ValueKind: JsonValueKind.String } text || !HexBytes.TryParse(text.GetString(), out var message))
        {
            return (null, JsonRpcError.InvalidParams("the message must be 0x-prefixed hex bytes (hex-encode text as UTF-8)"));
        }

        if (message.Length > MaxMessageBytes)
        {
            return (null, JsonRpcError.InvalidParams($"the message must be at most {MaxMessageBytes} bytes"));
        }

        return OwnAddress(context, address) is { } wrong
            ? (null, wrong)
            : (SigningPreImage.PersonalMessage(message), null);
    }

    public static (SigningPreImage? PreImage, JsonRpcError? Error) TypedData(WalletRpcContext context, JsonRpcRequest request)
    {
        if (request.ByName || request.Count != 2)
        {
            return (null, JsonRpcError.InvalidParams("eth_signTypedData_v4 takes [address, typedData (a JSON string)]"));
        }

        if (OwnAddress(context, request.Param(0)) is { } wrong)
        {
            return (null, wrong);
        }

        JsonElement typedData;
        switch (request.Param(1))
        {
            case { ValueKind: JsonValueKind.Object } given:
                typedData = given;
                break;
            case { ValueKind: JsonValueKind.String } text:
                if (!JsonBody.TryParse(Encoding.UTF8.GetBytes(text.GetString()!), out typedData, out var syntax))
                {
                    return (null, JsonRpcError.InvalidParams("typedData is not valid JSON: " + syntax));
                }

                break;
            default:
                return (null, JsonRpcError.InvalidParams("typedData must be the EIP-712 object as a JSON string"));
        }

        try
        {
            var parsed = Ethereum.Messages.TypedData.FromJson(typedData);
            if (DomainChainId(parsed) is { } chainId && context.Chain is { } chain && chainId != chain.Id)
            {
                return (null, JsonRpcError.InvalidParams($"the typed data's domain is for chain {chainId}, this endpoint signs for chain {chain.Id} (select it with ?chainId={chainId})"));
            }

            // The JSON text as read (strictly: no duplicate names) is the pre-image the nodes hash again.
            return (SigningPreImage.TypedData(typedData.GetRawText()), null);
        }
        catch (Exception e) when (e is TypedDataException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            return (null, JsonRpcError.InvalidParams("typedData is not valid EIP-712: " + e.Message));
        }
    }

    /// <summary>The address param must be the wallet's (any case; mixed case must be a valid checksum); null when it is.</summary>
    public static JsonRpcError? OwnAddress(WalletRpcContext context, JsonElement? given)
    {
        if (given is not { ValueKind: JsonValueKind.String } text || !EthereumAddress.TryParse(text.GetString(), out var address))
        {
            return JsonRpcError.InvalidParams("the address must be a 0x-prefixed 20-byte address (mixed case: a valid EIP-55 checksum)");
        }

        return address == context.Address
            ? null
            : JsonRpcError.InvalidInput($"{address.ToChecksumString()} is not this wallet's account; it signs only as {context.Address.ToChecksumString()}");
    }

    /// <summary>The domain's chainId when it has one (a number or a decimal/hex string, already checked by the hash); out of range reads as ulong.MaxValue.</summary>
    private static ulong? DomainChainId(Ethereum.Messages.TypedData typedData)
    {
        if (typedData.Domain.ValueKind != JsonValueKind.Object || !typedData.Domain.TryGetProperty("chainId", out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (text is null)
        {
            return null;
        }

        var parsed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? (System.Numerics.BigInteger.TryParse("0" + text[2..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var hex) ? hex : -1)
            : (System.Numerics.BigInteger.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var dec) ? dec : -1);
        return parsed >= 0 && parsed <= ulong.MaxValue ? (ulong)parsed : ulong.MaxValue;
    }
}
