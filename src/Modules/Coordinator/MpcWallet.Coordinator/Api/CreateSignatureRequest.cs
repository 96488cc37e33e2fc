using System.Text.Json;

namespace MpcWallet.Coordinator.Api;

/// <summary>Body of <c>POST /v1/wallets/{id}/signatures</c>: <c>digest</c>, <c>personalMessage</c> or <c>typedData</c>.</summary>
internal sealed record CreateSignatureRequest(string? Type, string? Digest, string? Message, string? MessageHex, JsonElement? TypedData);
