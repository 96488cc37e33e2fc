using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Transactions.Api;

/// <summary>Strict readers of single body members, shared by the create and replacement bodies; each problem goes to <c>errors[name]</c>.</summary>
internal static class RequestFields
{
    /// <summary>Whether the member is present and not null.</summary>
    public static bool Has(JsonElement body, string name) => body.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null;

    /// <summary>A 20-byte address; mixed case must be a valid EIP-55 checksum.</summary>
    public static EthereumAddress? Address(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!Has(body, name))
        {
            errors[name] = [$"{name} is required"];
            return null;
        }

        var element = body.GetProperty(name);
        if (element.ValueKind != JsonValueKind.String || !EthereumAddress.TryParse(element.GetString(), out var address))
        {
            errors[name] = [$"{name} must be a 0x-prefixed 20-byte address; mixed case must be a valid EIP-55 checksum"];
            return null;
        }

        return address;
    }

    /// <summary>A decimal string of digits within 256 bits, or null when absent.</summary>
    public static UInt256? Amount(JsonElement body, string name, Dictionary<string, string[]> errors, string unit = "wei")
    {
        if (!Has(body, name))
        {
            return null;
        }

        var element = body.GetProperty(name);
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (text is null)
        {
            errors[name] = [$"{name} must be a decimal string ({unit})"];
            return null;
        }

        if (text.StartsWith('-'))
        {
            errors[name] = [$"{name} must not be negative"];
            return null;
        }

        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            errors[name] = [$"{name} must be a decimal string of digits ({unit})"];
            return null;
        }

        if (!UInt256.TryParse(text, out var value))
        {
            errors[name] = [$"{name} exceeds 2^256 - 1"];
            return null;
        }

        return value;
    }

    /// <summary>A JSON boolean, false when absent.</summary>
    public static bool Flag(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!Has(body, name))
        {
            return false;
        }

        var element = body.GetProperty(name);
        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors[name] = [$"{name} must be true or false"];
            return false;
        }

        return element.GetBoolean();
    }

    /// <summary>Maximum and tip: both, or neither; the tip never above the maximum.</summary>
    public static (UInt256? MaxFee, UInt256? Tip) Fees(JsonElement body, Dictionary<string, string[]> errors)
    {
        var maxFee = Amount(body, "maxFeePerGas", errors);
        var tip = Amount(body, "maxPriorityFeePerGas", errors);
        if (maxFee is { } fee && tip is { } priority && priority > fee)
        {
            errors["maxPriorityFeePerGas"] = ["maxPriorityFeePerGas must not exceed maxFeePerGas"];
        }

        return (maxFee, tip);
    }

    /// <summary>The optional <c>derivationPath</c> ("m/0/7", non-hardened); empty for the root key.</summary>
    public static uint[] DerivationPath(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!Has(body, "derivationPath"))
        {
            return [];
        }

        var element = body.GetProperty("derivationPath");
        if (element.ValueKind != JsonValueKind.String)
        {
            errors["derivationPath"] = ["derivationPath must be a string such as \"m/0/7\""];
            return [];
        }

        if (!Mpc.Derivation.DerivationPath.TryParse(element.GetString()!, out var indices, out var error))
        {
            errors["derivationPath"] = [error!];
        }

        return indices;
    }

    /// <summary>Refuses members the kind does not use (a forgotten kind must not send something else than meant).</summary>
    public static void Refuse(JsonElement body, string kind, Dictionary<string, string[]> errors, params string[] names)
    {
        foreach (var name in names.Where(n => Has(body, n)))
        {
            errors[name] = [$"{name} is not a member of kind {kind}"];
        }
    }
}
