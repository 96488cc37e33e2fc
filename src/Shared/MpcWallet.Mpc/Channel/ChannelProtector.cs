using System.Security.Cryptography;
using MpcWallet.Mpc.Hashing;
using MpcWallet.Mpc.Protocol;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using BcChaCha20Poly1305 = Org.BouncyCastle.Crypto.Modes.ChaCha20Poly1305;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// Protects one node's protocol messages on an untrusted broker (which may drop, reorder, replay, rewrite or
/// redirect them). Broadcasts are signed with the node's Ed25519 key and sent in the clear; direct messages are
/// encrypted and authenticated with ChaCha20-Poly1305 under a key per (session, sender → recipient) direction
/// (see <see cref="DirectKeySchedule"/>).
/// <para>
/// Two ways to get one. <see cref="SessionKeyAgreement.Accept"/> gives a protector for one session whose direct keys
/// come from that session's ephemeral keys (forward secrecy; fresh keys even if a session id is reused after a
/// rollback); it serves that session only and <see cref="CloseSession"/> erases its keys. The public constructor
/// gives the older protector whose direct keys come from the static identity keys, for any session of a key: no
/// forward secrecy, and nonce uniqueness across restarts rests on the caller never re-entering a session. It remains
/// only until the node passes session key offers; new callers use the agreement.
/// </para>
/// <para>
/// Direct messages are deliberately not signed: only the two endpoints can compute a direction's key and the
/// recipient never seals with the key of the opposite direction, so a valid tag proves the sender to the recipient.
/// That proof is not transferable to third parties (a node cannot prove to the coordinator what a peer sent it);
/// the engine's blame model is local (the recipient aborts/bans on its own observation), so nothing needs it.
/// </para>
/// <para>
/// Invariant (nonce uniqueness): one direct message per (session, round, sender → recipient), and a protocol run's
/// sessions are never re-entered. <see cref="Seal"/> refuses a second message for the same (session, round,
/// recipient), for broadcasts too. That memory lives in this object: a node must not create a second protector
/// that seals in a session the first one sealed in (e.g. after a restart) — refuse to rejoin such sessions.
/// </para>
/// <para>
/// <see cref="Open(SealedProtocolMessage, SessionId)"/> throws only <see cref="ChannelAuthenticationException"/>
/// for bad input (also for any message of another session, or after a session-bound protector's session was closed);
/// the caller drops the message, counts it, and blames nobody. Thread-safe.
/// </para>
/// </summary>
public sealed class ChannelProtector : IDisposable
{
    public const int MaxPayloadLength = SealedFrame.MaxPayloadLength;
    public const int MaxRound = SealedFrame.MaxRound;

    private const int MacBits = SealedFrame.TagLength * 8;

    private readonly NodeIdentity _identity;
    private readonly IDirectionKeys _keys;
    private readonly SessionId? _boundSession;
    private readonly Dictionary<SessionId, HashSet<int>> _sealedSlots = [];
    private readonly HashSet<SessionId> _closedSessions = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>Static identity keys for every session of a key (no forward secrecy): see the class remarks.</summary>
    /// <param name="identity">This node's identity; not owned (the caller disposes it after the protector).</param>
    /// <param name="self">This node's party index; the directory must list <paramref name="identity"/> there.</param>
    /// <param name="directory">The session's (or key's) parties.</param>
    public ChannelProtector(NodeIdentity identity, int self, PeerDirectory directory)
        : this(identity, self, directory, null, null)
    {
    }

    internal ChannelProtector(NodeIdentity identity, int self, PeerDirectory directory, IDirectionKeys? keys, SessionId? boundSession)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(directory);
        if (!directory.TryGet(self, out var listed) || !listed.Equals(identity.Public))
        {
            keys?.Dispose();
            throw new ArgumentException($"the directory does not list this node's identity at index {self}", nameof(directory));
        }

        _identity = identity;
        Self = self;
        Directory = directory;
        _keys = keys ?? new StaticDirectionKeys(identity, self, directory);
        _boundSession = boundSession;
    }

    public int Self { get; }

    public PeerDirectory Directory { get; }

    /// <summary>The one session a protector from <see cref="SessionKeyAgreement.Accept"/> serves; null for the static form.</summary>
    public SessionId? Session => _boundSession;

    /// <summary>
    /// Signs (broadcast) or encrypts (direct) a message this node sends. Throws <see cref="ArgumentException"/> for
    /// a message that is not this node's to send (wrong sender, self or unknown recipient, round outside
    /// 1..<see cref="MaxRound"/>, payload over <see cref="MaxPayloadLength"/>) and <see cref="InvalidOperationException"/>
    /// for a second message in the same (session, round, recipient) slot or in a closed session. Resend the returned
    /// bytes on retry; never seal again.
    /// </summary>
    public SealedProtocolMessage Seal(ProtocolMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(message.Payload);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (message.From != Self)
        {
            throw new ArgumentException($"party {Self} cannot seal a message from party {message.From}", nameof(message));
        }

        if (message.Round < 1 || message.Round > MaxRound)
        {
            throw new ArgumentException($"round {message.Round} outside 1..{MaxRound}", nameof(message));
        }

        if (message.To is { } to && (to == Self || !Directory.TryGet(to, out _)))
        {
            throw new ArgumentException($"party {to} is not a peer of party {Self}", nameof(message));
        }

        if (message.Payload.Length > MaxPayloadLength)
        {
            throw new ArgumentException($"payload of {message.Payload.Length} bytes exceeds {MaxPayloadLength}", nameof(message));
        }

        if (_boundSession is { } bound && message.SessionId != bound)
        {
            throw new ArgumentException($"this protector serves session {bound} only", nameof(message));
        }

        ReserveSlot(message.SessionId, message.Round, message.To ?? 0);
        var header = SealedFrame.WriteHeader(message.SessionId, message.Round, Self, message.To);
        var frame = message.To is { } recipient
            ? SealedFrame.Direct(header, Encrypt(message.SessionId, message.Round, recipient, header, message.Payload))
            : SealedFrame.Broadcast(header, message.Payload, SignBroadcast(header, message.Payload));
        return new SealedProtocolMessage(message.SessionId, message.Round, Self, message.To, frame.Encode());
    }

    /// <summary>
    /// Authenticates (and for direct messages decrypts) a message from the broker, checking that its transport
    /// envelope equals the authenticated header. Any failure: <see cref="ChannelAuthenticationException"/>.
    /// </summary>
    public ProtocolMessage Open(SealedProtocolMessage message, SessionId expectedSession)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (message.Bytes is null)
        {
            throw new ChannelAuthenticationException(ChannelRejection.Malformed, "no sealed bytes");
        }

        var frame = DecodeFrame(message.Bytes);
        var envelopeMatches = message.SessionId == frame.SessionId
            && message.Round == frame.Round
            && message.From == frame.From
            && message.To == frame.To;
        if (!envelopeMatches)
        {
            throw new ChannelAuthenticationException(ChannelRejection.EnvelopeMismatch, "the envelope differs from the sealed header");
        }

        return OpenFrame(frame, expectedSession);
    }

    /// <summary>Authenticates sealed bytes; the returned envelope is the authenticated header.</summary>
    public ProtocolMessage Open(ReadOnlySpan<byte> sealedBytes, SessionId expectedSession)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return OpenFrame(DecodeFrame(sealedBytes), expectedSession);
    }

    /// <summary>
    /// Marks a session finished: every later <see cref="Seal"/> in it is refused. Only the session id is kept (to
    /// keep that promise), so memory grows by one id per session for the protector's lifetime. A session-bound
    /// protector also erases its direct keys here: later messages of the session no longer open.
    /// </summary>
    public void CloseSession(SessionId sessionId)
    {
        lock (_lock)
        {
            _sealedSlots.Remove(sessionId);
            _closedSessions.Add(sessionId);
            if (_boundSession == sessionId)
            {
                _keys.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _keys.Dispose();
            _disposed = true;
        }
    }

    internal static SealedFrame DecodeFrame(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return SealedFrame.Decode(bytes);
        }
        catch (MpcDecodeException e)
        {
            throw new ChannelAuthenticationException(ChannelRejection.Malformed, "malformed sealed message", e);
        }
    }

    /// <summary>The key this node would use for the direction <paramref name="sender"/> → <paramref name="recipient"/>.</summary>
    internal byte[] DirectionKey(SessionId sessionId, int sender, int recipient)
    {
        var key = new byte[DirectKeySchedule.KeyLength];
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _keys.Derive(sessionId, sender, recipient, key);
        }

        return key;
    }

    internal static byte[] BroadcastSigningMessage(ReadOnlySpan<byte> header, NodeIdentityPublic sender, ReadOnlySpan<byte> payload)
    {
        using var payloadTranscript = new Transcript(HashTags.ChannelBroadcastPayload);
        var payloadHash = payloadTranscript.Append(payload).Finish();
        using var transcript = new Transcript(HashTags.ChannelBroadcastSignature);
        return transcript.Append(header).Append(sender.Fingerprint).Append(payloadHash).Finish();
    }

    private ProtocolMessage OpenFrame(SealedFrame frame, SessionId expectedSession)
    {
        if (frame.SessionId != expectedSession || (_boundSession is { } bound && frame.SessionId != bound))
        {
            throw new ChannelAuthenticationException(ChannelRejection.WrongSession, "message belongs to another session");
        }

        if (_boundSession is not null && IsClosed(frame.SessionId))
        {
            throw new ChannelAuthenticationException(ChannelRejection.WrongSession, "the session is closed");
        }

        if (frame.From == Self || !Directory.TryGet(frame.From, out var sender))
        {
            throw new ChannelAuthenticationException(ChannelRejection.UnknownSender, $"party {frame.From} is not a peer");
        }

        if (frame.To is { } to && to != Self)
        {
            throw new ChannelAuthenticationException(ChannelRejection.WrongRecipient, $"message addressed to party {to}");
        }

        var payload = frame.IsBroadcast ? VerifyBroadcast(frame, sender) : Decrypt(frame);
        return new ProtocolMessage(frame.SessionId, frame.Round, frame.From, frame.To, payload);
    }

    private byte[] SignBroadcast(byte[] header, byte[] payload)
    {
        var signature = new byte[SealedFrame.SignatureLength];
        _identity.Sign(BroadcastSigningMessage(header, _identity.Public, payload), signature);
        return signature;
    }

    private static byte[] VerifyBroadcast(SealedFrame frame, NodeIdentityPublic sender)
    {
        if (!sender.Verify(BroadcastSigningMessage(frame.Header, sender, frame.Body), frame.Signature))
        {
            throw new ChannelAuthenticationException(ChannelRejection.InvalidSignature, $"broadcast signature of party {frame.From} does not verify");
        }

        return frame.Body;
    }

    private byte[] Encrypt(SessionId sessionId, int round, int recipient, byte[] header, byte[] payload)
    {
        var key = DirectionKey(sessionId, Self, recipient);
        try
        {
            var aead = CreateAead(true, key, round, header);
            var output = new byte[aead.GetOutputSize(payload.Length)];
            var written = aead.ProcessBytes(payload, 0, payload.Length, output, 0);
            aead.DoFinal(output, written);
            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private byte[] Decrypt(SealedFrame frame)
    {
        byte[] key;
        try
        {
            key = DirectionKey(frame.SessionId, frame.From, Self);
        }
        catch (ObjectDisposedException) when (_boundSession is not null && !_disposed)
        {
            // The session was closed (its keys erased) while this message was in flight.
            throw new ChannelAuthenticationException(ChannelRejection.WrongSession, "the session is closed");
        }

        var plaintext = new byte[frame.Body.Length - SealedFrame.TagLength];
        try
        {
            var aead = CreateAead(false, key, frame.Round, frame.Header);
            var written = aead.ProcessBytes(frame.Body, 0, frame.Body.Length, plaintext, 0);
            aead.DoFinal(plaintext, written);
            return plaintext;
        }
        catch (InvalidCipherTextException e)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new ChannelAuthenticationException(ChannelRejection.InvalidCiphertext, $"direct message from party {frame.From} does not authenticate", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static BcChaCha20Poly1305 CreateAead(bool encrypt, byte[] key, int round, byte[] header)
    {
        var aead = new BcChaCha20Poly1305();
        aead.Init(encrypt, new AeadParameters(new KeyParameter(key), MacBits, DirectKeySchedule.Nonce(round), header));
        return aead;
    }

    private void ReserveSlot(SessionId sessionId, int round, int recipient)
    {
        lock (_lock)
        {
            if (_closedSessions.Contains(sessionId))
            {
                throw new InvalidOperationException($"session {sessionId} is closed");
            }

            if (!_sealedSlots.TryGetValue(sessionId, out var slots))
            {
                slots = [];
                _sealedSlots[sessionId] = slots;
            }

            if (!slots.Add((round << 8) | recipient))
            {
                throw new InvalidOperationException(
                    $"party {Self} already sealed its round-{round} message to {(recipient == 0 ? "everyone" : $"party {recipient}")} in this session; a second one would reuse the nonce");
            }
        }
    }

    private bool IsClosed(SessionId sessionId)
    {
        lock (_lock)
        {
            return _closedSessions.Contains(sessionId);
        }
    }
}
