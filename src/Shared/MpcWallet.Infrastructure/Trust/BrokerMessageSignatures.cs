using MpcWallet.Contracts.FinalSignatures;
using MpcWallet.Contracts.Heartbeats;
using MpcWallet.Contracts.PartialSignatures;
using MpcWallet.Contracts.StateSync;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Hashing;

namespace MpcWallet.Infrastructure.Trust;

/// <summary>
/// The signatures on broker messages whose sender must be known (docs/channel.md, "Signed node messages"): what a node
/// reports, signed by its channel identity, and <see cref="SignatureFinalized"/>, signed by a coordinator instance.
/// Each is a <see cref="TaggedSignature"/> under its message type's tag over a canonical encoding of every other field:
/// the engine's <see cref="Transcript"/> framing (each field length-prefixed, optional fields with a presence flag,
/// lists with their count, times as Unix milliseconds), hashed. The one place these encodings are written.
/// </summary>
public static class BrokerMessageSignatures
{
    public const string PartialSignatureTag = "mpcwallet/node-message/partial-signature/v1";
    public const string KeyShareStoredTag = "mpcwallet/node-message/key-share-stored/v1";
    public const string NodeStateHintTag = "mpcwallet/node-message/node-state-hint/v1";
    public const string NodeHeartbeatTag = "mpcwallet/node-message/heartbeat/v1";
    public const string SessionFailedTag = "mpcwallet/node-message/session-failed/v1";
    public const string SignatureFinalizedTag = "mpcwallet/coordinator-message/signature-finalized/v1";

    public static PartialSignatureSubmitted Sign(PartialSignatureSubmitted message, NodeIdentity identity) =>
        message with { Signature = TaggedSignature.Sign(PartialSignatureTag, identity, Content(message)) };

    public static KeyShareStored Sign(KeyShareStored message, NodeIdentity identity) =>
        message with { Signature = TaggedSignature.Sign(KeyShareStoredTag, identity, Content(message)) };

    public static NodeStateHint Sign(NodeStateHint message, NodeIdentity identity) =>
        message with { Signature = TaggedSignature.Sign(NodeStateHintTag, identity, Content(message)) };

    public static NodeHeartbeat Sign(NodeHeartbeat message, NodeIdentity identity) =>
        message with { Signature = TaggedSignature.Sign(NodeHeartbeatTag, identity, Content(message)) };

    public static SessionFailed Sign(SessionFailed message, NodeIdentity identity) =>
        message with { Signature = TaggedSignature.Sign(SessionFailedTag, identity, Content(message)) };

    public static SignatureFinalized Sign(SignatureFinalized message, CoordinatorIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return message with { Signature = identity.Sign(SignatureFinalizedTag, Content(message)) };
    }

    public static bool Verify(PartialSignatureSubmitted message, NodeIdentityPublic node) => Verify(PartialSignatureTag, node.SigningKey, Content(message), message.Signature);

    public static bool Verify(KeyShareStored message, NodeIdentityPublic node) => Verify(KeyShareStoredTag, node.SigningKey, Content(message), message.Signature);

    public static bool Verify(NodeStateHint message, NodeIdentityPublic node) => Verify(NodeStateHintTag, node.SigningKey, Content(message), message.Signature);

    public static bool Verify(NodeHeartbeat message, NodeIdentityPublic node) => Verify(NodeHeartbeatTag, node.SigningKey, Content(message), message.Signature);

    public static bool Verify(SessionFailed message, NodeIdentityPublic node) => Verify(SessionFailedTag, node.SigningKey, Content(message), message.Signature);

    public static bool Verify(SignatureFinalized message, ManifestCoordinator coordinator)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        return Verify(SignatureFinalizedTag, coordinator.SigningKey, Content(message), message.Signature);
    }

    // A message off the broker may lack "required" fields (null after deserialization): it encodes, and fails to verify.
    private static bool Verify(string tag, ReadOnlySpan<byte> key, byte[] content, byte[]? signature) =>
        signature is not null && TaggedSignature.Verify(tag, key, content, signature);

    private static byte[] Content(PartialSignatureSubmitted m)
    {
        using var t = new Transcript(PartialSignatureTag);
        Guid(t, m.MessageId);
        Text(t, m.SessionId);
        Text(t, m.Node);
        Time(t, m.SentAt);
        Bytes(t, m.Payload);
        return t.Finish();
    }

    private static byte[] Content(KeyShareStored m)
    {
        using var t = new Transcript(KeyShareStoredTag);
        Guid(t, m.MessageId);
        Text(t, m.SessionId);
        Text(t, m.WalletId);
        Text(t, m.Node);
        t.Append(m.PartyIndex);
        t.Append((long)m.KeyVersion);
        Text(t, m.KeyId);
        Text(t, m.PublicKey);
        Text(t, m.ChainCode);
        Time(t, m.SentAt);
        return t.Finish();
    }

    private static byte[] Content(NodeStateHint m)
    {
        using var t = new Transcript(NodeStateHintTag);
        Guid(t, m.MessageId);
        Text(t, m.Node);
        var keys = m.Keys ?? [];
        t.Append(keys.Count);
        foreach (var key in keys)
        {
            Text(t, key?.WalletId);
            t.Append((long)(key?.KeyVersion ?? 0));
        }

        Text(t, m.LastSessionId);
        Time(t, m.SentAt);
        return t.Finish();
    }

    private static byte[] Content(NodeHeartbeat m)
    {
        using var t = new Transcript(NodeHeartbeatTag);
        Guid(t, m.MessageId);
        Text(t, m.Node);
        Text(t, m.Endpoint);
        Time(t, m.SentAt);
        Text(t, m.Version);
        return t.Finish();
    }

    private static byte[] Content(SessionFailed m)
    {
        using var t = new Transcript(SessionFailedTag);
        Guid(t, m.MessageId);
        Text(t, m.SessionId);
        Text(t, m.Node);
        Text(t, m.Culprit);
        Text(t, m.Check);
        t.Append(m.Banned ? 1 : 0);
        Text(t, m.Reason);
        Time(t, m.SentAt);
        return t.Finish();
    }

    private static byte[] Content(SignatureFinalized m)
    {
        using var t = new Transcript(SignatureFinalizedTag);
        Guid(t, m.MessageId);
        Text(t, m.SignatureId);
        Text(t, m.WalletId);
        Text(t, m.Tenant);
        Text(t, m.Digest);
        Text(t, m.R);
        Text(t, m.S);
        t.Append(m.V);
        var nodes = m.Nodes ?? [];
        t.Append(nodes.Count);
        foreach (var node in nodes)
        {
            Text(t, node);
        }

        Time(t, m.CompletedAt);
        Text(t, m.Coordinator);
        return t.Finish();
    }

    private static void Guid(Transcript t, System.Guid value) => t.Append(value.ToByteArray());

    private static void Time(Transcript t, DateTimeOffset value) => t.Append(value.ToUnixTimeMilliseconds());

    // A presence flag first, so null and "" encode differently.
    private static void Text(Transcript t, string? value)
    {
        t.Append(value is null ? 0 : 1);
        t.Append(value ?? "");
    }

    private static void Bytes(Transcript t, byte[]? value)
    {
        t.Append(value is null ? 0 : 1);
        t.Append(value ?? []);
    }
}
