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

    public const string ChannelNodeFingerprint = Prefix + "channel/node-fingerprint";
    public const string ChannelDirectKey = Prefix + "channel/direct-key";
    public const string ChannelBroadcastPayload = Prefix + "channel/broadcast-payload";
    public const string ChannelBroadcastSignature = Prefix + "channel/broadcast-signature";

    public static IReadOnlyList<string> All { get; } = typeof(HashTags)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();
}
