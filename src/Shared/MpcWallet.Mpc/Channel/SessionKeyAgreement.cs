using System.Security.Cryptography;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Randomness;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace MpcWallet.Mpc.Channel;

/// <summary>
/// This node's half of one session's channel key agreement (forward secrecy and fresh keys per session, findings
/// M3 and L1). At prepare the node creates it and hands <see cref="Offer"/> to the coordinator; at begin the coordinator
/// passes every participant's offer and <see cref="Accept"/> verifies each one against the identity pinned for that
/// party, then returns the session's <see cref="ChannelProtector"/>.
/// <para>
/// The ephemeral X25519 private key comes fresh from the random source and lives only until <see cref="Accept"/> (or
/// <see cref="Dispose"/>); the pair secrets derived from it live in the protector until the session is closed. After
/// that nothing, not even both nodes' identity private keys, re-derives the keys of recorded traffic. Because every
/// session draws new ephemeral keys, a node that rejoins a session id after a database rollback or a restored backup
/// derives keys no earlier run used, so no (key, nonce) pair can repeat.
/// </para>
/// Single use: one <see cref="Accept"/>, successful or not, consumes the ephemeral key. Not thread-safe.
/// </summary>
public sealed class SessionKeyAgreement : IDisposable
{
    private readonly NodeIdentity _identity;
    private readonly int _self;
    private readonly PeerDirectory _directory;
    private readonly SessionId _session;
    private readonly byte[] _ephemeralPrivate = new byte[X25519PublicKey.Length];
    private readonly byte[] _ownOfferBytes;
    private bool _consumed;
    private bool _disposed;

    /// <param name="identity">This node's identity; not owned.</param>
    /// <param name="self">This node's party index; <paramref name="directory"/> must list <paramref name="identity"/> there.</param>
    /// <param name="directory">The session's participants with their pinned identities (the node's own view, never the coordinator's).</param>
    /// <param name="session">The session the keys are for.</param>
    /// <param name="random">The source of the ephemeral key (the OS CSPRNG in production).</param>
    public SessionKeyAgreement(NodeIdentity identity, int self, PeerDirectory directory, SessionId session, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(random);
        if (!directory.TryGet(self, out var listed) || !listed.Equals(identity.Public))
        {
            throw new ArgumentException($"the directory does not list this node's identity at index {self}", nameof(directory));
        }

        _identity = identity;
        _self = self;
        _directory = directory;
        _session = session;
        random.Fill(_ephemeralPrivate);
        X25519.ClampPrivateKey(_ephemeralPrivate);
        var ephemeralPublic = new byte[X25519PublicKey.Length];
        X25519.GeneratePublicKey(_ephemeralPrivate, ephemeralPublic);
        Offer = SessionKeyOffer.Sign(identity, session, self, directory, ephemeralPublic);
        _ownOfferBytes = Offer.Encode();
    }

    /// <summary>This node's offer: send <c>Offer.Encode()</c> to the coordinator with the prepare answer.</summary>
    public SessionKeyOffer Offer { get; }

    public SessionId Session => _session;

    /// <summary>
    /// Verifies every participant's offer and builds the session's protector. <paramref name="offers"/> maps party
    /// index → encoded offer as relayed by the coordinator: one per participant other than this node (this node's own
    /// may be included and must then be byte-identical to <see cref="Offer"/>). Any problem throws
    /// <see cref="SessionKeyOfferRejectedException"/> naming the party (checked in ascending index order) and nothing
    /// is built. Erases the ephemeral private key whatever the outcome.
    /// </summary>
    public ChannelProtector Accept(IReadOnlyDictionary<int, byte[]> offers)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_consumed)
        {
            throw new InvalidOperationException("this session key agreement was already used");
        }

        _consumed = true;
        var pairSecrets = new Dictionary<int, byte[]>();
        try
        {
            var ephemeralKeys = new Dictionary<int, byte[]> { [_self] = Offer.EphemeralKey.ToArray() };
            foreach (var party in offers.Keys.Order())
            {
                if (!_directory.TryGet(party, out _))
                {
                    throw new SessionKeyOfferRejectedException(party, SessionKeyOfferRejection.NotAParticipant, "not a participant of this session");
                }
            }

            foreach (var party in _directory.Parties)
            {
                if (party == _self)
                {
                    if (offers.TryGetValue(party, out var own) && (own is null || !CryptographicOperations.FixedTimeEquals(own, _ownOfferBytes)))
                    {
                        throw new SessionKeyOfferRejectedException(party, SessionKeyOfferRejection.NotOwnOffer, "the offer relayed as ours is not the one we made");
                    }

                    continue;
                }

                if (!offers.TryGetValue(party, out var encoded) || encoded is null)
                {
                    throw new SessionKeyOfferRejectedException(party, SessionKeyOfferRejection.Missing, "no offer");
                }

                var offer = Verified(party, encoded);
                ephemeralKeys[party] = offer.EphemeralKey.ToArray();
                var secret = new byte[X25519PublicKey.Length];
                pairSecrets[party] = secret;
                if (!X25519.CalculateAgreement(_ephemeralPrivate, offer.EphemeralKey, secret))
                {
                    // Excluded by the decoder's small-order check; kept because a zero secret would give public keys.
                    throw new SessionKeyOfferRejectedException(party, SessionKeyOfferRejection.Malformed, "the ephemeral key gives the all-zero agreement");
                }
            }

            var keys = new SessionDirectionKeys(_session, _self, _directory, ephemeralKeys, pairSecrets);
            return new ChannelProtector(_identity, _self, _directory, keys, _session);
        }
        catch
        {
            foreach (var secret in pairSecrets.Values)
            {
                CryptographicOperations.ZeroMemory(secret);
            }

            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(_ephemeralPrivate);
        }
    }

    /// <summary>Erases the ephemeral private key (the session ended before begin, or after it: harmless).</summary>
    public void Dispose()
    {
        _disposed = true;
        _consumed = true;
        CryptographicOperations.ZeroMemory(_ephemeralPrivate);
    }

    public override string ToString() => $"SessionKeyAgreement(party {_self}, session {_session})";

    private SessionKeyOffer Verified(int party, byte[] encoded)
    {
        SessionKeyOffer offer;
        try
        {
            offer = SessionKeyOffer.Decode(encoded);
        }
        catch (MpcDecodeException e)
        {
            throw new SessionKeyOfferRejectedException(party, SessionKeyOfferRejection.Malformed, e.Message, e);
        }

        if (offer.Party != party)
        {
            throw new SessionKeyOfferRejectedException(party, SessionKeyOfferRejection.WrongParty, $"the offer is party {offer.Party}'s");
        }

        if (!offer.IsSignedFor(_session, _directory))
        {
            throw new SessionKeyOfferRejectedException(party, SessionKeyOfferRejection.InvalidSignature,
                "not signed by the pinned identity of that party for this session and participant set (forged, substituted or replayed)");
        }

        return offer;
    }
}
