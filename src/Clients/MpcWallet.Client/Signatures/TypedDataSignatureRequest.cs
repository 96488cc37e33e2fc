using System.Text.Json;
using System.Text.Json.Nodes;

namespace MpcWallet.Client.Signatures;

/// <summary><c>{"type": "typedData", "typedData": {…}}</c>.</summary>
public sealed record TypedDataSignatureRequest : SignatureRequest
{
    internal TypedDataSignatureRequest(JsonElement typedData) => TypedDataJson = typedData;

    public JsonElement TypedDataJson { get; }

    internal override JsonObject ToJson() => new() { ["type"] = "typedData", ["typedData"] = JsonNode.Parse(TypedDataJson.GetRawText()) };
}
