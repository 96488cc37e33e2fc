using System.Globalization;
using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>Strict readers for node answers: QUANTITY, DATA, 32-byte hashes and addresses; any deviation is an <see cref="EthereumRpcResponseException"/>.</summary>
internal static class RpcJson
{
    public static JsonElement Required(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new EthereumRpcResponseException($"Expected a JSON object holding '{name}', found {obj.ValueKind}.");
        }

        return obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new EthereumRpcResponseException($"The node's answer lacks '{name}'.");
    }

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static UInt256 Quantity(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.String && UInt256.TryParseQuantity(value.GetString(), out var quantity)
            ? quantity
            : throw new EthereumRpcResponseException($"{what}: expected a QUANTITY (0x, no leading zeros), found {Show(value)}.");

    public static ulong QuantityUInt64(JsonElement value, string what)
    {
        var quantity = Quantity(value, what);
        return quantity <= ulong.MaxValue
            ? (ulong)quantity
            : throw new EthereumRpcResponseException($"{what}: {quantity} does not fit in 64 bits.");
    }

    public static UInt256 Quantity(JsonElement obj, string name, string what) => Quantity(Required(obj, name), what + "." + name);

    public static ulong QuantityUInt64(JsonElement obj, string name, string what) => QuantityUInt64(Required(obj, name), what + "." + name);

    public static UInt256? OptionalQuantity(JsonElement obj, string name, string what) =>
        Optional(obj, name) is { } value ? Quantity(value, what + "." + name) : null;

    public static ulong? OptionalQuantityUInt64(JsonElement obj, string name, string what) =>
        Optional(obj, name) is { } value ? QuantityUInt64(value, what + "." + name) : null;

    public static byte[] Data(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.String && HexBytes.TryParse(value.GetString(), out var bytes)
            ? bytes
            : throw new EthereumRpcResponseException($"{what}: expected DATA (0x + an even number of hex digits), found {Show(value)}.");

    /// <summary>A 32-byte hash, returned in the canonical lowercase 0x form.</summary>
    public static string Hash(JsonElement value, string what)
    {
        var bytes = Data(value, what);
        return bytes.Length == 32
            ? HexBytes.ToHex(bytes)
            : throw new EthereumRpcResponseException($"{what}: expected a 32-byte hash, found {bytes.Length} bytes.");
    }

    public static string? OptionalHash(JsonElement obj, string name, string what) =>
        Optional(obj, name) is { } value ? Hash(value, what + "." + name) : null;

    public static EthereumAddress Address(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.String && EthereumAddress.TryParse(value.GetString(), out var address)
            ? address
            : throw new EthereumRpcResponseException($"{what}: expected a 20-byte address, found {Show(value)}.");

    public static EthereumAddress? OptionalAddress(JsonElement obj, string name, string what) =>
        Optional(obj, name) is { } value ? Address(value, what + "." + name) : null;

    public static double Double(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw new EthereumRpcResponseException($"{what}: expected a number, found {Show(value)}.");

    public static IEnumerable<JsonElement> Array(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw new EthereumRpcResponseException($"{what}: expected an array, found {value.ValueKind}.");

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 80 ? text : text[..80].ToString(CultureInfo.InvariantCulture) + "…";
    }
}
