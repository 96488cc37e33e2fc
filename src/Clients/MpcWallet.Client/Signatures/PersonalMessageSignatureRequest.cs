using System.Text.Json.Nodes;

namespace MpcWallet.Client.Signatures;

/// <summary><c>{"type": "personalMessage", "message": "…"}</c> or <c>{"type": "personalMessage", "messageHex": "0x…"}</c>.</summary>
public sealed record PersonalMessageSignatureRequest : SignatureRequest
{
    internal PersonalMessageSignatureRequest(string? message, string? messageHex)
    {
        Message = message;
        MessageHex = messageHex;
    }

    public string? Message { get; }

    public string? MessageHex { get; }

    private protected override JsonObject WriteType() =>
        Message is not null
            ? new JsonObject { ["type"] = "personalMessage", ["message"] = Message }
            : new JsonObject { ["type"] = "personalMessage", ["messageHex"] = MessageHex };
}
