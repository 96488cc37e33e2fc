using MpcWallet.Mpc.Channel;
using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Channel;

public sealed class ChannelProtectorTests
{
    private static readonly int[] Parties = [1, 2, 3];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Direct_messages_round_trip_between_every_ordered_pair(bool sessionKeys)
    {
        using var f = new ChannelFixture(sessionKeys: sessionKeys);
        foreach (var from in Parties)
        {
            foreach (var to in Parties.Where(p => p != from))
            {
                var payload = f.RandomPayload(37 + from + to);
                var sealedMessage = f.SealDirect(from, to, round: 2, payload: payload);
                Assert.Equal((f.Session, 2, from, (int?)to), (sealedMessage.SessionId, sealedMessage.Round, sealedMessage.From, sealedMessage.To));
                Assert.False(sealedMessage.Bytes.AsSpan().IndexOf(payload.AsSpan(0, 16)) >= 0, "direct payload must not appear in the clear");

                var opened = f.Protectors[to].Open(sealedMessage, f.Session);
                Assert.Equal(payload, opened.Payload);
                Assert.Equal((f.Session, 2, from, (int?)to), (opened.SessionId, opened.Round, opened.From, opened.To));

                var fromBytes = f.Protectors[to].Open(sealedMessage.Bytes, f.Session);
                Assert.Equal(payload, fromBytes.Payload);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Broadcasts_round_trip_to_every_other_party(bool sessionKeys)
    {
        using var f = new ChannelFixture(sessionKeys: sessionKeys);
        foreach (var from in Parties)
        {
            var payload = f.RandomPayload(64);
            var sealedMessage = f.SealBroadcast(from, round: 3, payload: payload);
            Assert.True(sealedMessage.IsBroadcast);
            foreach (var to in Parties.Where(p => p != from))
            {
                var opened = f.Protectors[to].Open(SealedProtocolMessage.FromBytes(sealedMessage.Bytes), f.Session);
                Assert.Equal(payload, opened.Payload);
                Assert.Equal((3, from, (int?)null), (opened.Round, opened.From, opened.To));
            }

            AssertRejected(ChannelRejection.UnknownSender, () => f.Protectors[from].Open(sealedMessage, f.Session));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Empty_and_maximum_payloads_round_trip(bool sessionKeys)
    {
        using var f = new ChannelFixture(sessionKeys: sessionKeys);
        var big = f.RandomPayload(ChannelProtector.MaxPayloadLength);
        Assert.Empty(f.Protectors[2].Open(f.SealDirect(1, 2, payload: []), f.Session).Payload);
        Assert.Equal(big, f.Protectors[2].Open(f.SealDirect(1, 2, round: 2, payload: big), f.Session).Payload);
        Assert.Equal(big, f.Protectors[3].Open(f.SealBroadcast(1, payload: big), f.Session).Payload);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Flipping_any_bit_pattern_at_any_position_is_rejected(bool sessionKeys)
    {
        using var f = new ChannelFixture(sessionKeys: sessionKeys);
        var direct = f.SealDirect(1, 2).Bytes;
        var broadcast = f.SealBroadcast(1).Bytes;
        var random = new Random(11);
        foreach (var (bytes, recipient) in new[] { (direct, 2), (broadcast, 3) })
        {
            for (var position = 0; position < bytes.Length; position++)
            {
                foreach (var mask in new byte[] { 0x01, 0x80, (byte)random.Next(1, 256) })
                {
                    var tampered = (byte[])bytes.Clone();
                    tampered[position] ^= mask;
                    Assert.Throws<ChannelAuthenticationException>(() => f.Protectors[recipient].Open(tampered, f.Session));
                }
            }

            // the untampered bytes still open, so the rejections above are due to the flips
            Assert.NotNull(f.Protectors[recipient].Open(bytes, f.Session));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Relay_that_swaps_sender_and_recipient_is_rejected(bool sessionKeys)
    {
        using var f = new ChannelFixture(sessionKeys: sessionKeys);
        var message = f.SealDirect(1, 2);

        var swappedHeader = (byte[])message.Bytes.Clone();
        swappedHeader[SealedFrame.FromOffset] = 2;
        swappedHeader[SealedFrame.ToOffset] = 1;
        AssertRejected(ChannelRejection.InvalidCiphertext, () => f.Protectors[1].Open(swappedHeader, f.Session));

        var swappedEnvelope = message with { From = 2, To = 1 };
        AssertRejected(ChannelRejection.EnvelopeMismatch, () => f.Protectors[1].Open(swappedEnvelope, f.Session));
        AssertRejected(ChannelRejection.EnvelopeMismatch, () => f.Protectors[2].Open(swappedEnvelope, f.Session));

        // reflecting the message back to its sender
        AssertRejected(ChannelRejection.UnknownSender, () => f.Protectors[1].Open(message.Bytes, f.Session));
    }

    [Fact]
    public void Relay_that_changes_round_or_session_is_rejected()
    {
        using var f = new ChannelFixture(sessionKeys: false);
        foreach (var message in new[] { f.SealDirect(1, 2, round: 4), f.SealBroadcast(1, round: 4) })
        {
            var recipient = message.To ?? 2;
            AssertRejected(ChannelRejection.EnvelopeMismatch, () => f.Protectors[recipient].Open(message with { Round = 5 }, f.Session));
            AssertRejected(ChannelRejection.EnvelopeMismatch, () => f.Protectors[recipient].Open(message with { SessionId = f.OtherSession }, f.Session));

            var expected = message.IsBroadcast ? ChannelRejection.InvalidSignature : ChannelRejection.InvalidCiphertext;
            var otherRound = (byte[])message.Bytes.Clone();
            otherRound[SealedFrame.RoundOffset] = 5;
            AssertRejected(expected, () => f.Protectors[recipient].Open(otherRound, f.Session));

            var otherSession = (byte[])message.Bytes.Clone();
            f.OtherSession.Span.CopyTo(otherSession.AsSpan(SealedFrame.SessionOffset));
            AssertRejected(expected, () => f.Protectors[recipient].Open(otherSession, f.OtherSession));
            AssertRejected(ChannelRejection.WrongSession, () => f.Protectors[recipient].Open(otherSession, f.Session));
        }
    }

    [Fact]
    public void Replay_into_another_session_is_rejected()
    {
        using var f = new ChannelFixture(sessionKeys: false);
        var direct = f.SealDirect(1, 2);
        var broadcast = f.SealBroadcast(3);
        AssertRejected(ChannelRejection.WrongSession, () => f.Protectors[2].Open(direct, f.OtherSession));
        AssertRejected(ChannelRejection.WrongSession, () => f.Protectors[2].Open(broadcast.Bytes, f.OtherSession));
        AssertRejected(ChannelRejection.EnvelopeMismatch, () => f.Protectors[2].Open(direct with { SessionId = f.OtherSession }, f.OtherSession));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Direct_message_redirected_to_a_third_party_is_rejected(bool sessionKeys)
    {
        using var f = new ChannelFixture(sessionKeys: sessionKeys);
        var message = f.SealDirect(1, 2);
        AssertRejected(ChannelRejection.WrongRecipient, () => f.Protectors[3].Open(message, f.Session));

        var readdressed = (byte[])message.Bytes.Clone();
        readdressed[SealedFrame.ToOffset] = 3;
        AssertRejected(ChannelRejection.InvalidCiphertext, () => f.Protectors[3].Open(readdressed, f.Session));
        AssertRejected(ChannelRejection.EnvelopeMismatch, () => f.Protectors[3].Open(message with { To = 3 }, f.Session));

        var asBroadcast = message with { To = null };
        AssertRejected(ChannelRejection.EnvelopeMismatch, () => f.Protectors[3].Open(asBroadcast, f.Session));
    }

    [Fact]
    public void Impostors_and_outsiders_are_rejected()
    {
        using var f = new ChannelFixture();
        using var outsider = NodeIdentity.Generate(new SeededRandomSource(99));

        // the outsider claims party 1's seat in its own directory; honest nodes use the real directory
        var forged = new PeerDirectory(new Dictionary<int, NodeIdentityPublic>
        {
            [1] = outsider.Public, [2] = f.Identities[2].Public, [3] = f.Identities[3].Public,
        });
        using var impostor = new ChannelProtector(outsider, 1, forged);
        var fakeBroadcast = impostor.Seal(new ProtocolMessage(f.Session, 1, 1, null, [1, 2, 3]));
        var fakeDirect = impostor.Seal(new ProtocolMessage(f.Session, 1, 1, 2, [1, 2, 3]));
        AssertRejected(ChannelRejection.InvalidSignature, () => f.Protectors[2].Open(fakeBroadcast, f.Session));
        AssertRejected(ChannelRejection.InvalidCiphertext, () => f.Protectors[2].Open(fakeDirect, f.Session));

        // a fourth seat the honest directory does not have
        var wider = new PeerDirectory(new Dictionary<int, NodeIdentityPublic>
        {
            [1] = f.Identities[1].Public, [2] = f.Identities[2].Public, [4] = outsider.Public,
        });
        using var stranger = new ChannelProtector(outsider, 4, wider);
        AssertRejected(ChannelRejection.UnknownSender, () => f.Protectors[2].Open(stranger.Seal(new ProtocolMessage(f.Session, 1, 4, 2, [9])), f.Session));
        AssertRejected(ChannelRejection.UnknownSender, () => f.Protectors[2].Open(stranger.Seal(new ProtocolMessage(f.Session, 1, 4, null, [9])), f.Session));
    }

    [Fact]
    public void Each_direction_has_its_own_key_and_equal_plaintexts_encrypt_differently()
    {
        using var f = new ChannelFixture(sessionKeys: false);
        var forward = f.Protectors[1].DirectionKey(f.Session, 1, 2);
        var backward = f.Protectors[1].DirectionKey(f.Session, 2, 1);
        Assert.NotEqual(forward, backward);
        Assert.Equal(forward, f.Protectors[2].DirectionKey(f.Session, 1, 2));
        Assert.Equal(backward, f.Protectors[2].DirectionKey(f.Session, 2, 1));
        Assert.NotEqual(forward, f.Protectors[1].DirectionKey(f.OtherSession, 1, 2));
        Assert.NotEqual(forward, f.Protectors[1].DirectionKey(f.Session, 1, 3));

        // same session, round (= nonce) and plaintext in both directions: with a shared key the keystream, hence the
        // ciphertext before the tag, would be identical (TOB-SILA-6)
        var payload = f.RandomPayload(64);
        var oneToTwo = Ciphertext(f.SealDirect(1, 2, round: 1, payload: payload));
        var twoToOne = Ciphertext(f.SealDirect(2, 1, round: 1, payload: payload));
        Assert.NotEqual(oneToTwo, twoToOne);
        var differing = oneToTwo.Zip(twoToOne, (a, b) => a != b).Count(d => d);
        Assert.True(differing > 32, $"only {differing} of 64 ciphertext bytes differ");
    }

    [Fact]
    public void Direct_ciphertext_is_standard_chacha20_poly1305_with_the_documented_nonce_and_associated_data()
    {
        if (!System.Security.Cryptography.ChaCha20Poly1305.IsSupported)
        {
            return;
        }

        using var f = new ChannelFixture(sessionKeys: false);
        var payload = f.RandomPayload(200);
        var bytes = f.SealDirect(3, 1, round: 7, payload: payload).Bytes;
        var header = bytes.AsSpan(0, SealedFrame.HeaderLength);
        var body = bytes.AsSpan(SealedFrame.HeaderLength + 4);
        var nonce = new byte[12];
        nonce[11] = 7;
        var plaintext = new byte[payload.Length];
        using var aead = new System.Security.Cryptography.ChaCha20Poly1305(f.Protectors[1].DirectionKey(f.Session, 3, 1));
        aead.Decrypt(nonce, body[..payload.Length], body[payload.Length..], plaintext, header);
        Assert.Equal(payload, plaintext);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_second_seal_in_the_same_slot_is_refused(bool sessionKeys)
    {
        using var f = new ChannelFixture(sessionKeys: sessionKeys);
        f.SealDirect(1, 2, round: 1);
        Assert.Throws<InvalidOperationException>(() => f.SealDirect(1, 2, round: 1));
        f.SealDirect(1, 3, round: 1);
        f.SealDirect(1, 2, round: 2);
        f.SealBroadcast(1, round: 1);
        Assert.Throws<InvalidOperationException>(() => f.SealBroadcast(1, round: 1));
        if (!sessionKeys)
        {
            // a static-key protector serves every session of the key, each with its own slots
            f.SealDirect(1, 2, round: 1, session: f.OtherSession);
        }

        f.Protectors[1].CloseSession(f.Session);
        Assert.Throws<InvalidOperationException>(() => f.SealDirect(1, 2, round: 3));
        if (!sessionKeys)
        {
            f.SealDirect(1, 2, round: 3, session: f.OtherSession);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Seal_refuses_messages_that_are_not_this_nodes_to_send(bool sessionKeys)
    {
        using var f = new ChannelFixture(sessionKeys: sessionKeys);
        var p = f.Protectors[1];
        Assert.Throws<ArgumentException>(() => p.Seal(new ProtocolMessage(f.Session, 1, 2, 3, [1])));
        Assert.Throws<ArgumentException>(() => p.Seal(new ProtocolMessage(f.Session, 1, 1, 1, [1])));
        Assert.Throws<ArgumentException>(() => p.Seal(new ProtocolMessage(f.Session, 1, 1, 4, [1])));
        Assert.Throws<ArgumentException>(() => p.Seal(new ProtocolMessage(f.Session, 0, 1, 2, [1])));
        Assert.Throws<ArgumentException>(() => p.Seal(new ProtocolMessage(f.Session, 256, 1, 2, [1])));
        Assert.Throws<ArgumentException>(() => p.Seal(new ProtocolMessage(f.Session, 1, 1, null, new byte[ChannelProtector.MaxPayloadLength + 1])));
    }

    [Fact]
    public void Directory_and_protector_construction_validate_their_inputs()
    {
        using var f = new ChannelFixture();
        var one = f.Identities[1].Public;
        var two = f.Identities[2].Public;
        Assert.Throws<ArgumentException>(() => new PeerDirectory(new Dictionary<int, NodeIdentityPublic> { [1] = one, [2] = one }));
        Assert.Throws<ArgumentException>(() => new PeerDirectory(new Dictionary<int, NodeIdentityPublic> { [0] = one, [2] = two }));
        Assert.Throws<ArgumentException>(() => new PeerDirectory(new Dictionary<int, NodeIdentityPublic> { [1] = one, [17] = two }));
        Assert.Throws<ArgumentException>(() => new PeerDirectory(new Dictionary<int, NodeIdentityPublic> { [1] = one }));
        Assert.Throws<ArgumentException>(() => new ChannelProtector(f.Identities[1], 2, f.Directory));
        Assert.Throws<ArgumentException>(() => new ChannelProtector(f.Identities[1], 5, f.Directory));
    }

    internal static void AssertRejected(ChannelRejection reason, Func<object> open)
    {
        var e = Assert.Throws<ChannelAuthenticationException>(open);
        Assert.Equal(reason, e.Reason);
    }

    private static byte[] Ciphertext(SealedProtocolMessage message) =>
        message.Bytes.AsSpan(SealedFrame.HeaderLength + 4, message.Bytes.Length - SealedFrame.HeaderLength - 4 - SealedFrame.TagLength).ToArray();
}
