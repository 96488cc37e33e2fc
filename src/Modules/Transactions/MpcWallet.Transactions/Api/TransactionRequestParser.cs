using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Lifecycle;

namespace MpcWallet.Transactions.Api;

/// <summary>
/// Strict parsing of the create body: chainId a positive JSON integer; to an address (mixed case must carry a correct
/// EIP-55 checksum); value and the gas fields decimal strings within 256 bits (gasLimit 21000 – 2^63−1); data 0x hex.
/// Every problem is reported per field.
/// </summary>
internal static class TransactionRequestParser
{
    private const int MaxDataBytes = 128 * 1024;

    public static (TransactionRequest? Request, Dictionary<string, string[]> Errors) Parse(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["the body must be a JSON object"];
            return (null, errors);
        }

        ulong chainId = 0;
        if (!body.TryGetProperty("chainId", out var chain) || chain.ValueKind == JsonValueKind.Null)
        {
            errors["chainId"] = ["chainId is required"];
        }
        else if (chain.ValueKind != JsonValueKind.Number || !chain.TryGetUInt64(out chainId) || chainId == 0)
        {
            errors["chainId"] = ["chainId must be a positive integer"];
        }

        EthereumAddress? to = null;
        if (!body.TryGetProperty("to", out var toElement) || toElement.ValueKind == JsonValueKind.Null)
        {
            errors["to"] = ["to is required"];
        }
        else if (toElement.ValueKind != JsonValueKind.String || !EthereumAddress.TryParse(toElement.GetString(), out to))
        {
            errors["to"] = ["to must be a 0x-prefixed 20-byte address; mixed case must be a valid EIP-55 checksum"];
        }

        var value = Amount(body, "value", errors) ?? UInt256.Zero;
        byte[] data = [];
        if (body.TryGetProperty("data", out var dataElement) && dataElement.ValueKind != JsonValueKind.Null)
        {
            if (dataElement.ValueKind != JsonValueKind.String || !HexBytes.TryParse(dataElement.GetString(), out var parsed))
            {
                errors["data"] = ["data must be 0x-prefixed hex with an even number of digits"];
            }
            else if (parsed.Length > MaxDataBytes)
            {
                errors["data"] = [$"data must be at most {MaxDataBytes} bytes"];
            }
            else
            {
                data = parsed;
            }
        }

        ulong? gasLimit = null;
        if (Amount(body, "gasLimit", errors) is { } gas)
        {
            if (gas < 21_000 || gas > long.MaxValue)
            {
                errors["gasLimit"] = ["gasLimit must be between 21000 and 9223372036854775807"];
            }
            else
            {
                gasLimit = (ulong)gas;
            }
        }

        var maxFee = Amount(body, "maxFeePerGas", errors);
        var tip = Amount(body, "maxPriorityFeePerGas", errors);
        if (maxFee is { } fee && tip is { } priority && priority > fee)
        {
            errors["maxPriorityFeePerGas"] = ["maxPriorityFeePerGas must not exceed maxFeePerGas"];
        }

        return errors.Count > 0 ? (null, errors) : (new TransactionRequest(chainId, to!, value, data, gasLimit, maxFee, tip), errors);
    }

    private static UInt256? Amount(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (text is null)
        {
            errors[name] = [$"{name} must be a decimal string (wei)"];
            return null;
        }

        if (text.StartsWith('-'))
        {
            errors[name] = [$"{name} must not be negative"];
            return null;
        }

        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            errors[name] = [$"{name} must be a decimal string of digits (wei)"];
            return null;
        }

        if (!UInt256.TryParse(text, out var value))
        {
            errors[name] = [$"{name} exceeds 2^256 - 1"];
            return null;
        }

        return value;
    }
}
