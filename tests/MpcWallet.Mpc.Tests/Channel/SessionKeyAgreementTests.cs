using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Tests.Support;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace MpcWallet.Mpc.Tests.Channel;

/// <summary>
/// The prepare/begin key exchange of the channel (findings M3 and L1): offers signed by the identities, verified
/// against the pinned directory, ephemeral keys erased, fresh keys for every run of a session id.
/// </summary>
public sealed class SessionKeyAgreementTests
{
    private static readonly int[] Parties = [1, 2, 3];

    [Fact]
    public void Recorded_traffic_of_a_finished_session_cannot_be_opened_with_both_identity_private_keys()
    {
        using var f = new ChannelFixture(seed: 61, sessionKeys: false);
        var random = new SeededRandomSource(62);
        var agreements = Parties.ToDictionary(i => i, i => new SessionKeyAgreement(f.Identities[i], i, f.Directory, f.Session, random));
        var offers = agreements.ToDictionary(a => a.Key, a => a.Value.Offer.Encode());
        var ephemeralPrivates = agreements.Values.Select(a => EphemeralPrivate(a)).ToArray();
        var protectors = agreements.ToDictionary(a => a.Key, a => a.Value.Accept(offers));

        // What a broker-side recorder keeps: the offers and the sealed messages of the whole session.
        var secret = Encoding.ASCII.GetBytes("a Feldman share and base-OT seeds: secret for ever");
        var oneToTwo = protectors[1].Seal(new ProtocolMessage(f.Session, 2, 1, 2, secret));
        var twoToOne = protectors[2].Seal(new ProtocolMessage(f.Session, 2, 2, 1, secret));
        Assert.Equal(secret, protectors[2].Open(oneToTwo, f.Session).Payload);
        Assert.Equal(secret, protectors[1].Open(twoToOne, f.Session).Payload);
        Assert.True(oneToTwo.Bytes.AsSpan().IndexOf(secret.AsSpan(0, 12)) < 0);

        // The session ends: agreements were consumed by Accept, protectors close and go away.
        Assert.All(ephemeralPrivates, key => Assert.True(key.All(b => b == 0), "an ephemeral private key survived Accept"));
        foreach (var (party, protector) in protectors)
        {
            protector.CloseSession(f.Session);
            if (party != 3)
            {
                ChannelProtectorTests.AssertRejected(ChannelRejection.WrongSession, () => protector.Open(party == 1 ? twoToOne : oneToTwo, f.Session));
            }

            protector.Dispose();
        }

        // Later the attacker steals both nodes' identity private keys.
        using var stolen1 = NodeIdentity.ImportPrivate(f.Identities[1].ExportPrivate());
        using var stolen2 = NodeIdentity.ImportPrivate(f.Identities[2].ExportPrivate());
        var attempts = new List<ChannelProtector>
        {
            // the static identity-key schedule
            new(stolen1, 1, f.Directory),
            new(stolen2, 2, f.Directory),
        };

        // ... and replays the recorded offers of the peers into fresh agreements of its own (it can sign any offer,
        // but it cannot produce the erased ephemeral private keys).
        var attacker = new SeededRandomSource(666);
        foreach (var (self, identity) in new[] { (1, stolen1), (2, stolen2) })
        {
            using var forged = new SessionKeyAgreement(identity, self, f.Directory, f.Session, attacker);
            attempts.Add(forged.Accept(offers.Where(o => o.Key != self).ToDictionary()));
        }

        foreach (var attempt in attempts)
        {
            using (attempt)
            {
                var message = attempt.Self == 1 ? twoToOne : oneToTwo;
                ChannelProtectorTests.AssertRejected(ChannelRejection.InvalidCiphertext, () => attempt.Open(message, f.Session));
            }
        }
    }

    [Fact]
    public void A_rolled_back_joined_sessions_record_cannot_make_a_key_and_nonce_pair_repeat()
    {
        using var f = new ChannelFixture(seed: 63, sessionKeys: false);
        var random = new SeededRandomSource(64);

        // First run of the session, then the node database is rolled back and the same session id runs again:
        // once with every node honest, once with peers 2 and 3 replaying their offers from the first run.
        var first = f.ExchangeOffers(f.Session, random, out var firstOffers);
        var second = f.ExchangeOffers(f.Session, random, out _);
        var victim = new SessionKeyAgreement(f.Identities[1], 1, f.Directory, f.Session, random);
        var replayed = victim.Accept(new Dictionary<int, byte[]> { [2] = firstOffers[2], [3] = firstOffers[3] });

        // The nonce is the round, so a (key, nonce) pair repeats exactly when a direction key of a run equals a
        // direction key of another run: compare all of them.
        var keys = new List<string>();
        foreach (var run in new[] { first, second })
        {
            foreach (var sender in Parties)
            {
                foreach (var recipient in Parties.Where(r => r != sender))
                {
                    var key = run[sender].DirectionKey(f.Session, sender, recipient);
                    Assert.Equal(key, run[recipient].DirectionKey(f.Session, sender, recipient));
                    keys.Add(Convert.ToHexString(key));
                }
            }
        }

        foreach (var peer in new[] { 2, 3 })
        {
            keys.Add(Convert.ToHexString(replayed.DirectionKey(f.Session, 1, peer)));
            keys.Add(Convert.ToHexString(replayed.DirectionKey(f.Session, peer, 1)));
            Assert.NotEqual(first[1].DirectionKey(f.Session, 1, peer), replayed.DirectionKey(f.Session, 1, peer));
        }

        Assert.Equal(keys.Count, keys.Distinct().Count());

        // The same plaintext sealed in the same slot (session, round, sender → recipient) of the two runs.
        var payload = f.RandomPayload(64);
        var before = first[1].Seal(new ProtocolMessage(f.Session, 1, 1, 2, payload)).Bytes;
        var after = replayed.Seal(new ProtocolMessage(f.Session, 1, 1, 2, payload)).Bytes;
        Assert.Equal(before[..SealedFrame.HeaderLength], after[..SealedFrame.HeaderLength]);
        Assert.NotEqual(before, after);

        foreach (var protector in first.Values.Concat(second.Values).Append(replayed))
        {
            protector.Dispose();
        }
    }

    [Fact]
    public void Protectors_from_offers_carry_a_keygen_run_and_refuse_other_sessions()
    {
        using var f = new ChannelFixture(seed: 65);
        foreach (var from in Parties)
        {
            foreach (var to in Parties.Where(p => p != from))
            {
                var payload = f.RandomPayload(20 + from);
                Assert.Equal(payload, f.Protectors[to].Open(f.SealDirect(from, to, round: 3, payload: payload), f.Session).Payload);
            }
        }

        Assert.Equal(f.Session, f.Protectors[1].Session);
        Assert.Throws<ArgumentException>(() => f.Protectors[1].Seal(new ProtocolMessage(f.OtherSession, 1, 1, 2, [1])));
        Assert.Throws<ArgumentException>(() => f.Protectors[1].Seal(new ProtocolMessage(f.OtherSession, 1, 1, null, [1])));

        // A protector for another session (its own offers) opens nothing of this one, and vice versa.
        var other = f.ExchangeOffers(f.OtherSession, f.Random, out _);
        var message = f.SealDirect(1, 2, round: 4);
        ChannelProtectorTests.AssertRejected(ChannelRejection.WrongSession, () => other[2].Open(message, f.Session));
        ChannelProtectorTests.AssertRejected(ChannelRejection.WrongSession, () => f.Protectors[2].Open(other[1].Seal(new ProtocolMessage(f.OtherSession, 4, 1, 2, [7])), f.OtherSession));

        // Closing erases the keys: later messages of the session are dropped, later seals refused.
        var late = f.SealDirect(3, 2, round: 5);
        var lateBroadcast = f.SealBroadcast(3, round: 5);
        f.Protectors[2].CloseSession(f.Session);
        ChannelProtectorTests.AssertRejected(ChannelRejection.WrongSession, () => f.Protectors[2].Open(late, f.Session));
        ChannelProtectorTests.AssertRejected(ChannelRejection.WrongSession, () => f.Protectors[2].Open(lateBroadcast, f.Session));
        Assert.Throws<InvalidOperationException>(() => f.Protectors[2].Seal(new ProtocolMessage(f.Session, 6, 2, 1, [1])));
        foreach (var protector in other.Values)
        {
            protector.Dispose();
        }
    }

    [Fact]
    public void Forged_substituted_replayed_and_missing_offers_are_refused_naming_the_party()
    {
        using var f = new ChannelFixture(seed: 67, sessionKeys: false);
        var random = new SeededRandomSource(68);
        using var outsider = NodeIdentity.Generate(random);
        var honest = Parties.ToDictionary(i => i, i => new SessionKeyAgreement(f.Identities[i], i, f.Directory, f.Session, random).Offer.Encode());

        // Offers made by the real party 2, but for another session, another participant set, or another seat.
        var otherSession = new SessionKeyAgreement(f.Identities[2], 2, f.Directory, f.OtherSession, random).Offer.Encode();
        var wider = new PeerDirectory(new Dictionary<int, NodeIdentityPublic>
        {
            [1] = f.Identities[1].Public, [2] = f.Identities[2].Public, [3] = f.Identities[3].Public, [4] = outsider.Public,
        });
        var otherSet = new SessionKeyAgreement(f.Identities[2], 2, wider, f.Session, random).Offer.Encode();

        // ... or for a directory with the same seats but another identity at one of them (a coordinator that gave
        // party 2 a man in the middle as party 3).
        var swappedSeat = new SessionKeyAgreement(f.Identities[2], 2, new PeerDirectory(new Dictionary<int, NodeIdentityPublic>
        {
            [1] = f.Identities[1].Public, [2] = f.Identities[2].Public, [3] = outsider.Public,
        }), f.Session, random).Offer.Encode();

        // Offers claiming party 2 made by someone else: an outsider (its own directory), or party 3's identity.
        var byOutsider = new SessionKeyAgreement(outsider, 2, new PeerDirectory(new Dictionary<int, NodeIdentityPublic>
        {
            [1] = f.Identities[1].Public, [2] = outsider.Public, [3] = f.Identities[3].Public,
        }), f.Session, random).Offer.Encode();
        var byThree = (byte[])honest[3].Clone();
        byThree[1] = 2;

        // Party 2's offer with its ephemeral key replaced (the coordinator substitutes its own key).
        var substituted = (byte[])honest[2].Clone();
        var attackerKey = new byte[32];
        X25519.GeneratePublicKey(SHA256.HashData("attacker"u8), attackerKey);
        attackerKey.CopyTo(substituted, 2);

        AssertRefused(2, SessionKeyOfferRejection.InvalidSignature, With(2, substituted));
        AssertRefused(2, SessionKeyOfferRejection.InvalidSignature, With(2, otherSession));
        AssertRefused(2, SessionKeyOfferRejection.InvalidSignature, With(2, otherSet));
        AssertRefused(2, SessionKeyOfferRejection.InvalidSignature, With(2, swappedSeat));
        AssertRefused(2, SessionKeyOfferRejection.InvalidSignature, With(2, byOutsider));
        AssertRefused(2, SessionKeyOfferRejection.InvalidSignature, With(2, byThree));
        AssertRefused(2, SessionKeyOfferRejection.WrongParty, With(2, honest[3]));
        AssertRefused(2, SessionKeyOfferRejection.Malformed, With(2, honest[2][..^1]));
        AssertRefused(2, SessionKeyOfferRejection.Malformed, With(2, []));
        AssertRefused(3, SessionKeyOfferRejection.Missing, new Dictionary<int, byte[]> { [2] = honest[2] });
        AssertRefused(4, SessionKeyOfferRejection.NotAParticipant, new Dictionary<int, byte[]>(With(2, honest[2])) { [4] = honest[3] });
        AssertRefused(1, SessionKeyOfferRejection.NotOwnOffer, new Dictionary<int, byte[]>(With(2, honest[2])) { [1] = honest[2] });

        // The genuine set (with or without our own offer) is accepted.
        using var accepted = Agreement().Accept(With(2, honest[2]));
        Assert.Equal(f.Session, accepted.Session);

        Dictionary<int, byte[]> With(int party, byte[] offer) => new() { [party] = offer, [5 - party] = honest[5 - party] };

        SessionKeyAgreement Agreement() => new(f.Identities[1], 1, f.Directory, f.Session, random);

        void AssertRefused(int party, SessionKeyOfferRejection reason, Dictionary<int, byte[]> offers)
        {
            using var agreement = Agreement();
            var e = Assert.Throws<SessionKeyOfferRejectedException>(() => agreement.Accept(offers));
            Assert.Equal((party, reason), (e.Party, e.Reason));
            Assert.Contains($"party {party}", e.Message, StringComparison.Ordinal);
            Assert.True(EphemeralPrivate(agreement).All(b => b == 0), "a refused agreement kept its ephemeral key");
            Assert.Throws<InvalidOperationException>(() => agreement.Accept(offers));
        }
    }

    [Fact]
    public void Offers_with_a_non_canonical_or_small_order_ephemeral_key_are_malformed_even_when_signed()
    {
        using var f = new ChannelFixture(seed: 72, sessionKeys: false);
        var random = new SeededRandomSource(73);
        var honest = new SessionKeyAgreement(f.Identities[3], 3, f.Directory, f.Session, random).Offer.Encode();

        // u = p + 9: the base point (a valid key) in a second, non-canonical encoding; u = 0 and u = 1: small order.
        var nonCanonical = Convert.FromHexString("F6FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF7F");
        var zero = new byte[32];
        var one = new byte[32];
        one[0] = 1;
        foreach (var key in new[] { nonCanonical, zero, one })
        {
            // Party 2 really signs it for this session and directory: only the key itself is wrong.
            var offer = SessionKeyOffer.Sign(f.Identities[2], f.Session, 2, f.Directory, key).Encode();
            Assert.Throws<MpcDecodeException>(() => SessionKeyOffer.Decode(offer));
            using var agreement = new SessionKeyAgreement(f.Identities[1], 1, f.Directory, f.Session, random);
            var e = Assert.Throws<SessionKeyOfferRejectedException>(() => agreement.Accept(new Dictionary<int, byte[]> { [2] = offer, [3] = honest }));
            Assert.Equal((2, SessionKeyOfferRejection.Malformed), (e.Party, e.Reason));
            Assert.IsType<MpcDecodeException>(e.InnerException);
        }
    }

    [Fact]
    public void Session_direct_keys_follow_the_documented_schedule_and_seal_standard_chacha20_poly1305()
    {
        using var f = new ChannelFixture(seed: 69, sessionKeys: false);

        // Each node's ephemeral private key is the first 32 bytes of its own seeded source, clamped (RFC 7748).
        var agreements = Parties.ToDictionary(i => i, i => new SessionKeyAgreement(f.Identities[i], i, f.Directory, f.Session, new SeededRandomSource(690 + i)));
        var offers = agreements.ToDictionary(a => a.Key, a => a.Value.Offer.Encode());
        var protectors = agreements.ToDictionary(a => a.Key, a => a.Value.Accept(offers));
        var ephemeral = Parties.ToDictionary(i => i, i =>
        {
            var key = new byte[32];
            new SeededRandomSource(690 + i).Fill(key);
            X25519.ClampPrivateKey(key);
            return key;
        });

        var secret = new byte[32];
        Assert.True(X25519.CalculateAgreement(ephemeral[3], offers[1].AsSpan(2, 32), secret));
        var info = new List<byte>();
        var tag = Encoding.ASCII.GetBytes("mpcwallet/dkls23/v1/channel/session-direct-key");
        var label = Encoding.ASCII.GetBytes("direction sender->recipient");
        info.AddRange(BigEndianLength(tag));
        info.AddRange(tag);
        info.AddRange(f.Identities[3].Public.Fingerprint.ToArray());
        info.AddRange(f.Identities[1].Public.Fingerprint.ToArray());
        info.AddRange([3, 1]);
        info.AddRange(offers[3].AsSpan(2, 32).ToArray());
        info.AddRange(offers[1].AsSpan(2, 32).ToArray());
        info.AddRange(BigEndianLength(label));
        info.AddRange(label);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, f.Session.Span.ToArray(), [.. info]);
        Assert.Equal(key, protectors[3].DirectionKey(f.Session, 3, 1));
        Assert.Equal(key, protectors[1].DirectionKey(f.Session, 3, 1));

        if (ChaCha20Poly1305.IsSupported)
        {
            var payload = f.RandomPayload(100);
            var bytes = protectors[3].Seal(new ProtocolMessage(f.Session, 7, 3, 1, payload)).Bytes;
            var body = bytes.AsSpan(SealedFrame.HeaderLength + 4);
            var nonce = new byte[12];
            nonce[11] = 7;
            var plaintext = new byte[payload.Length];
            using var aead = new ChaCha20Poly1305(key);
            aead.Decrypt(nonce, body[..^16], body[^16..], plaintext, bytes.AsSpan(0, SealedFrame.HeaderLength));
            Assert.Equal(payload, plaintext);
        }

        foreach (var protector in protectors.Values)
        {
            protector.Dispose();
        }

        static byte[] BigEndianLength(byte[] field) => [0, 0, 0, (byte)field.Length];
    }

    [Fact]
    public void Agreement_construction_and_use_are_validated()
    {
        using var f = new ChannelFixture(seed: 70, sessionKeys: false);
        var random = new SeededRandomSource(71);
        Assert.Throws<ArgumentException>(() => new SessionKeyAgreement(f.Identities[1], 2, f.Directory, f.Session, random));
        Assert.Throws<ArgumentException>(() => new SessionKeyAgreement(f.Identities[1], 4, f.Directory, f.Session, random));
        var agreement = new SessionKeyAgreement(f.Identities[1], 1, f.Directory, f.Session, random);
        Assert.Equal(1, agreement.Offer.Party);
        Assert.Equal(SessionKeyOffer.EncodedLength, agreement.Offer.Encode().Length);
        agreement.Dispose();
        Assert.True(EphemeralPrivate(agreement).All(b => b == 0));
        Assert.Throws<ObjectDisposedException>(() => agreement.Accept(new Dictionary<int, byte[]>()));

        // Two agreements for the same session never offer the same ephemeral key.
        var a = new SessionKeyAgreement(f.Identities[2], 2, f.Directory, f.Session, random);
        var b = new SessionKeyAgreement(f.Identities[2], 2, f.Directory, f.Session, random);
        Assert.False(a.Offer.EphemeralKey.SequenceEqual(b.Offer.EphemeralKey));
        a.Dispose();
        b.Dispose();
    }

    internal static byte[] EphemeralPrivate(SessionKeyAgreement agreement) =>
        (byte[])typeof(SessionKeyAgreement).GetField("_ephemeralPrivate", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(agreement)!;
}
