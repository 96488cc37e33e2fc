using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Signing;

/// <summary>
/// A <see cref="SigningPreImage"/> as a kind name and text, the form it takes in JSON, on the broker
/// (<c>SignatureRequested.PreImageKind</c> / <c>PreImage</c>) and in the coordinator's store; the kind names are also
/// the signature resource's <c>type</c> in the REST API (docs/api.md). A transaction or a personal message is
/// 0x-hex, typed data its JSON text, a raw digest nothing (the digest is the pre-image).
/// </summary>
public static class SigningPreImageText
{
    public const string Transaction = "transaction";
    public const string PersonalMessage = "personalMessage";
    public const string TypedData = "typedData";
    public const string Digest = "digest";

    public static string KindName(SigningPreImage preImage) => preImage.Kind switch
    {
        SigningPreImageKind.Eip1559Transaction => Transaction,
        SigningPreImageKind.PersonalMessage => PersonalMessage,
        SigningPreImageKind.TypedData => TypedData,
        _ => Digest,
    };

    /// <summary>The pre-image's text; empty for a raw digest.</summary>
    public static string TextOf(SigningPreImage preImage) => preImage.Kind switch
    {
        SigningPreImageKind.TypedData => preImage.Text,
        SigningPreImageKind.RawDigest => "",
        _ => HexBytes.ToHex(preImage.Bytes.Span),
    };

    /// <summary>
    /// The pre-image of a kind name and text, or null when they do not fit together. No text (a requester, or a stored
    /// signature, from before pre-images) is the raw digest <paramref name="digest"/> (0x-hex) — signed only where raw
    /// digests are allowed.
    /// </summary>
    public static SigningPreImage? Read(string? kind, string? text, string digest)
    {
        if (string.IsNullOrEmpty(text) || kind is null or Digest)
        {
            return string.IsNullOrEmpty(text) && HexBytes.TryParse(digest, out var raw) ? SigningPreImage.RawDigest(raw) : null;
        }

        return kind switch
        {
            Transaction => HexBytes.TryParse(text, out var payload) ? SigningPreImage.Eip1559Transaction(payload) : null,
            PersonalMessage => HexBytes.TryParse(text, out var message) ? SigningPreImage.PersonalMessage(message) : null,
            TypedData => SigningPreImage.TypedData(text),
            _ => null,
        };
    }
}
