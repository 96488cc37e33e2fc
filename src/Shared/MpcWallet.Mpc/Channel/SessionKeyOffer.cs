using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.KeyShares;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// One node's contribution to a session's channel keys, made at prepare: a fresh X25519 public key signed with the
/// node's Ed25519 identity key over a transcript binding the session id, the node's party index, the ephemeral key and
/// the whole participant set (every index with its identity fingerprint). The coordinator relays it; peers verify it
/// against the identity they pinned for that index, so neither the coordinator nor the broker can substitute it.
/// <para>Wire form (98 bytes): version (1) ‖ party (1) ‖ ephemeral X25519 public key (32) ‖ Ed25519 signature (64).</para>
/// </summary>
public sealed class SessionKeyOffer
{
    public const byte FormatVersion = 1;
    public const int EncodedLength = 2 + X25519PublicKey.Length + SignatureLength;

    private const int SignatureLength = 64;

    private readonly byte[] _ephemeralKey;
    private readonly byte[] _signature;

    private SessionKeyOffer(int party, byte[] ephemeralKey, byte[] signature)
    {
        Party = party;
        _ephemeralKey = ephemeralKey;
        _signature = signature;
    }

    /// <summary>The party index of the node that made the offer (1..16).</summary>
    public int Party { get; }

    /// <summary>The session's ephemeral X25519 public key (canonical, not of small order).</summary>
    public ReadOnlySpan<byte> EphemeralKey => _ephemeralKey;

    public byte[] Encode() =>
        new WireWriter(EncodedLength).WriteByte(FormatVersion).WriteByte((byte)Party).WriteFixed(_ephemeralKey).WriteFixed(_signature).ToArray();

    /// <summary>
    /// Strict decoding (exact length, version, party 1..16, valid ephemeral key); <see cref="MpcDecodeException"/>
    /// otherwise. Says nothing about authenticity: <see cref="SessionKeyAgreement.Accept"/> verifies the signature.
    /// </summary>
    public static SessionKeyOffer Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new WireReader(encoded);
        if (reader.ReadByte() != FormatVersion)
        {
            throw new MpcDecodeException("unsupported session key offer version");
        }

        var party = reader.ReadByte();
        if (party < 1 || party > KeyShare.MaxParties)
        {
            throw new MpcDecodeException($"session key offer party {party} outside 1..{KeyShare.MaxParties}");
        }

        var ephemeral = reader.ReadFixed(X25519PublicKey.Length);
        if (!X25519PublicKey.IsValid(ephemeral))
        {
            throw new MpcDecodeException("invalid ephemeral X25519 key in a session key offer");
        }

        var ephemeralKey = ephemeral.ToArray();
        var signature = reader.ReadFixed(SignatureLength).ToArray();
        reader.EnsureEnd();
        return new SessionKeyOffer(party, ephemeralKey, signature);
    }

    public override string ToString() => $"SessionKeyOffer(party {Party})";

    internal static SessionKeyOffer Sign(NodeIdentity identity, SessionId session, int party, PeerDirectory directory, byte[] ephemeralKey)
    {
        var signature = new byte[SignatureLength];
        identity.Sign(SignedTranscript(session, party, ephemeralKey, directory), signature);
        return new SessionKeyOffer(party, ephemeralKey, signature);
    }

    /// <summary>True when the identity <paramref name="directory"/> lists at <see cref="Party"/> signed this offer for the session.</summary>
    internal bool IsSignedFor(SessionId session, PeerDirectory directory) =>
        directory.TryGet(Party, out var signer) && signer.Verify(SignedTranscript(session, Party, _ephemeralKey, directory), _signature);

    // H(tag; session id, party, ephemeral key, n, (index, fingerprint) for every participant ascending).
    private static byte[] SignedTranscript(SessionId session, int party, ReadOnlySpan<byte> ephemeralKey, PeerDirectory directory)
    {
        using var transcript = new Transcript(HashTags.ChannelSessionKeyOffer);
        transcript.Append(session.Span).Append(party).Append(ephemeralKey).Append(directory.Parties.Count);
        foreach (var index in directory.Parties)
        {
            transcript.Append(index).Append(directory[index].Fingerprint);
        }

        return transcript.Finish();
    }
}
