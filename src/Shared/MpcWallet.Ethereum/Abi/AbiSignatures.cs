using System.Text.Json;

namespace MpcWallet.Ethereum.Abi;

/// <summary>What functions, errors and events share: the canonical signature text and reading one JSON item.</summary>
internal static class AbiSignatures
{
    public static string Of(string name, IReadOnlyList<AbiParameter> inputs) =>
        name + "(" + string.Join(",", inputs.Select(p => p.Type.CanonicalName)) + ")";

    public static JsonElement ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new AbiException("The ABI item is not valid JSON: " + e.Message, e);
        }
    }
}
