using System.Text.Json;
using System.Text.Json.Nodes;

namespace MpcWallet.Client.Signatures;

/// <summary><c>{"type": "typedData", "typedData": {…}}</c>.</summary>
public sealed record TypedDataSignatureRequest : SignatureRequest
{
    internal TypedDataSignatureRequest(JsonElement typedData) => TypedDataJson = typedData;

    public JsonElement TypedDataJson { get; }

    private protected override JsonObject WriteType() => new() { ["type"] = "typedData", ["typedData"] = JsonNode.Parse(TypedDataJson.GetRawText()) };
}
