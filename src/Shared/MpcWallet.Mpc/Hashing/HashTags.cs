namespace MpcWallet.Mpc.Hashing;

/// <summary>
/// The registry of every hash domain the engine uses. One tag per oracle; a unit test asserts they are distinct.
/// Tags carry the protocol version so that parties running different versions abort at the first check.
/// </summary>
public static class HashTags
{
    private const string Prefix = "mpcwallet/dkls23/v1/";

    public const string Commitment = Prefix + "commitment";
    public const string SchnorrChallenge = Prefix + "schnorr/challenge";
    public const string MessageId = Prefix + "session/message-id";
    public const string KeygenSessionId = Prefix + "keygen/session-id";
    public const string RefreshSessionId = Prefix + "refresh/session-id";
    public const string ReshareSessionId = Prefix + "reshare/session-id";
    public const string BaseOtSessionId = Prefix + "keygen/base-ot-session-id";
    public const string RootChainCode = Prefix + "keygen/root-chain-code";
    public const string ZeroSeedConfirmation = Prefix + "keygen/zero-seed-confirmation";
    public const string SigningSessionId = Prefix + "signing/session-id";
    public const string SigningEchoDigest = Prefix + "signing/echo-digest";
    public const string SigningRvoleSessionId = Prefix + "signing/rvole-session-id";
    public const string ZeroSharePrf = Prefix + "signing/zero-share-prf";
    public const string BaseOtHashToCurve = Prefix + "ot/base/hash-to-curve";
    public const string BaseOtPad = Prefix + "ot/base/pad";
    public const string OtExtensionPrg = Prefix + "ot/extension/prg";
    public const string OtExtensionChallenge = Prefix + "ot/extension/challenge";
    public const string OtExtensionRowPad = Prefix + "ot/extension/row-pad";
    public const string RvoleGadget = Prefix + "rvole/gadget";
    public const string RvoleTheta = Prefix + "rvole/theta";
    public const string RvoleMu = Prefix + "rvole/mu";

    /// <summary>HPKE info of a share backup (docs/engine-backup.md).</summary>
    public const string ShareBackupInfo = Prefix + "backup/share";

    public const string ChannelNodeFingerprint = Prefix + "channel/node-fingerprint";
    public const string ChannelDirectKey = Prefix + "channel/direct-key";
    public const string ChannelBroadcastPayload = Prefix + "channel/broadcast-payload";
    public const string ChannelBroadcastSignature = Prefix + "channel/broadcast-signature";
    public const string ChannelSessionKeyOffer = Prefix + "channel/session-key-offer";
    public const string ChannelSessionDirectKey = Prefix + "channel/session-direct-key";

    public static IReadOnlyList<string> All { get; } = typeof(HashTags)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();
}
