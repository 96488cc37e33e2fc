using System.Text.Json;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>
/// Body of <c>POST /v1/wallets/{id}/signatures</c>: <see cref="Type"/> (<c>digest</c>, <c>personalMessage</c> or
/// <c>typedData</c>) and the one member that type needs; <see cref="DerivationPath"/> (optional, "m/0/7") names the
/// non-hardened child key that signs instead of the wallet's root key.
/// </summary>
internal sealed record CreateSignatureRequest(string? Type, string? Digest = null, string? Message = null, string? MessageHex = null, JsonElement? TypedData = null, string? DerivationPath = null);
