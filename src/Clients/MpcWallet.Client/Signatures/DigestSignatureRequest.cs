using System.Text.Json.Nodes;

namespace MpcWallet.Client.Signatures;

/// <summary><c>{"type": "digest", "digest": "0x…"}</c>.</summary>
public sealed record DigestSignatureRequest : SignatureRequest
{
    internal DigestSignatureRequest(string digestHex) => DigestHex = digestHex;

    public string DigestHex { get; }

    private protected override JsonObject WriteType() => new() { ["type"] = "digest", ["digest"] = DigestHex };
}
