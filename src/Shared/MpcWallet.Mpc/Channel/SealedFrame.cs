using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// The wire form of a sealed message (format version 1):
/// <code>
/// header (37 bytes, authenticated): version (1) | kind (1: 1 = broadcast, 2 = direct) | session id (32) |
///                                   round (1, 1..255) | from (1, 1..16) | to (1, 0 for broadcast, else 1..16, ≠ from)
/// body:                             u32 length | bytes   (broadcast: the payload; direct: ciphertext ‖ 16-byte tag)
/// broadcast only:                   Ed25519 signature (64)
/// </code>
/// Decoding is strict: every field is range-checked, lengths are limited before anything is allocated, and trailing
/// bytes are refused. Failures are <see cref="MpcDecodeException"/>.
/// </summary>
internal sealed class SealedFrame
{
    public const byte Version = 1;
    public const int HeaderLength = 2 + SessionId.Length + 3;
    public const int SignatureLength = 64;
    public const int TagLength = 16;
    public const int MaxPayloadLength = 1 << 20;
    public const int MaxRound = byte.MaxValue;

    public const int KindOffset = 1;
    public const int SessionOffset = 2;
    public const int RoundOffset = SessionOffset + SessionId.Length;
    public const int FromOffset = RoundOffset + 1;
    public const int ToOffset = FromOffset + 1;
    public const int BodyLengthOffset = HeaderLength;

    private SealedFrame(byte[] header, byte[] body, byte[]? signature)
    {
        Header = header;
        Body = body;
        Signature = signature;
        SessionId = new SessionId(header.AsSpan(SessionOffset, SessionId.Length));
    }

    /// <summary>The 37 header bytes exactly as transmitted: the AEAD associated data and part of the signed message.</summary>
    public byte[] Header { get; }

    public byte[] Body { get; }

    /// <summary>Null for direct messages.</summary>
    public byte[]? Signature { get; }

    public bool IsBroadcast => Header[KindOffset] == (byte)SealedFrameKind.Broadcast;

    public SessionId SessionId { get; }

    public int Round => Header[RoundOffset];

    public int From => Header[FromOffset];

    public int? To => IsBroadcast ? null : Header[ToOffset];

    public static byte[] WriteHeader(SessionId sessionId, int round, int from, int? to)
    {
        var writer = new WireWriter(HeaderLength);
        writer.WriteByte(Version)
            .WriteByte((byte)(to is null ? SealedFrameKind.Broadcast : SealedFrameKind.Direct))
            .WriteFixed(sessionId.Span)
            .WriteByte(checked((byte)round))
            .WriteByte(checked((byte)from))
            .WriteByte(checked((byte)(to ?? 0)));
        return writer.ToArray();
    }

    public static SealedFrame Broadcast(byte[] header, byte[] payload, byte[] signature) => new(header, payload, signature);

    public static SealedFrame Direct(byte[] header, byte[] ciphertextAndTag) => new(header, ciphertextAndTag, null);

    public static SealedFrame Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new WireReader(encoded);
        var header = reader.ReadFixed(HeaderLength);
        if (header[0] != Version)
        {
            throw new MpcDecodeException($"unsupported channel format version {header[0]}");
        }

        var kind = (SealedFrameKind)header[KindOffset];
        if (kind is not (SealedFrameKind.Broadcast or SealedFrameKind.Direct))
        {
            throw new MpcDecodeException($"unknown channel message kind {header[KindOffset]}");
        }

        int round = header[RoundOffset], from = header[FromOffset], to = header[ToOffset];
        if (round < 1)
        {
            throw new MpcDecodeException("round 0 does not exist");
        }

        if (from < 1 || from > KeyShare.MaxParties)
        {
            throw new MpcDecodeException($"sender {from} outside 1..{KeyShare.MaxParties}");
        }

        var toValid = kind == SealedFrameKind.Broadcast ? to == 0 : to >= 1 && to <= KeyShare.MaxParties && to != from;
        if (!toValid)
        {
            throw new MpcDecodeException($"recipient {to} invalid for a {kind} message from {from}");
        }

        var headerBytes = header.ToArray();
        if (kind == SealedFrameKind.Broadcast)
        {
            var payload = reader.ReadVariable(MaxPayloadLength, "broadcast payload").ToArray();
            var signature = reader.ReadFixed(SignatureLength).ToArray();
            reader.EnsureEnd();
            return new SealedFrame(headerBytes, payload, signature);
        }

        var body = reader.ReadVariable(MaxPayloadLength + TagLength, "direct ciphertext");
        if (body.Length < TagLength)
        {
            throw new MpcDecodeException("direct ciphertext shorter than its tag");
        }

        var ciphertext = body.ToArray();
        reader.EnsureEnd();
        return new SealedFrame(headerBytes, ciphertext, null);
    }

    public byte[] Encode()
    {
        var writer = new WireWriter(HeaderLength + 4 + Body.Length + (Signature?.Length ?? 0));
        writer.WriteFixed(Header).WriteVariable(Body);
        if (Signature is not null)
        {
            writer.WriteFixed(Signature);
        }

        return writer.ToArray();
    }
}
