using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Ot;

public sealed class BaseOtTests
{
    private const int Receiver = 2;
    private const int Sender = 5;
    private const int SeedLength = OtParameters.SeedLength;

    [Fact]
    public void Receiver_seed_equals_the_chosen_branch_and_differs_from_the_other_for_all_256()
    {
        var random = new SeededRandomSource(1);
        var sid = Sid(1);
        var (state, message) = BaseOt.ReceiverStart(sid, random);
        var (bob, reply) = BaseOt.SenderRespond(sid, message, Receiver, random);
        var alice = BaseOt.ReceiverFinish(state, reply, Sender);

        var ones = 0;
        for (var i = 0; i < OtParameters.BaseOtCount; i++)
        {
            var c = OtSeedDealer.Bit(alice.Delta, i);
            ones += c;
            var received = alice.Seeds.AsSpan(i * SeedLength, SeedLength);
            var chosen = (c == 0 ? bob.Seeds0 : bob.Seeds1).AsSpan(i * SeedLength, SeedLength);
            var other = (c == 0 ? bob.Seeds1 : bob.Seeds0).AsSpan(i * SeedLength, SeedLength);
            Assert.True(received.SequenceEqual(chosen), $"OT {i}: receiver seed differs from the chosen branch");
            Assert.False(received.SequenceEqual(other), $"OT {i}: receiver seed equals the other branch");
        }

        // Both choice values occur (256 fair coins: 0 or 256 ones has probability 2^-255).
        Assert.InRange(ones, 1, 255);
        Assert.Equal(OtParameters.BaseOtCount, DistinctSeeds(bob.Seeds0, bob.Seeds1));
    }

    [Fact]
    public void Encoded_messages_round_trip_and_give_the_same_result()
    {
        var random = new SeededRandomSource(2);
        var sid = Sid(2);
        var (state, message) = BaseOt.ReceiverStart(sid, random);
        var encoded = message.Encode();
        Assert.Equal(BaseOtReceiverMessage.EncodedLength, encoded.Length);
        Assert.Equal(encoded, BaseOtReceiverMessage.Decode(encoded).Encode());
        var (bob, reply) = BaseOt.SenderRespond(sid, encoded, Receiver, random);
        var replyBytes = reply.Encode();
        Assert.Equal(BaseOtSenderMessage.EncodedLength, replyBytes.Length);
        var alice = BaseOt.ReceiverFinish(state, replyBytes, Sender);
        AssertChosenSeedsMatch(alice, bob);
    }

    [Fact]
    public void A_reply_computed_for_another_session_gives_non_matching_seeds()
    {
        var random = new SeededRandomSource(3);
        var (state, message) = BaseOt.ReceiverStart(Sid(3), random);
        var (bob, reply) = BaseOt.SenderRespond(Sid(4), message, Receiver, random);
        var alice = BaseOt.ReceiverFinish(state, reply, Sender);
        for (var i = 0; i < OtParameters.BaseOtCount; i++)
        {
            var received = alice.Seeds.AsSpan(i * SeedLength, SeedLength);
            Assert.False(received.SequenceEqual(bob.Seeds0.AsSpan(i * SeedLength, SeedLength)));
            Assert.False(received.SequenceEqual(bob.Seeds1.AsSpan(i * SeedLength, SeedLength)));
        }
    }

    [Theory]
    [InlineData("identity-byte")]
    [InlineData("uncompressed-prefix")]
    [InlineData("off-curve-x")]
    [InlineData("x-above-p")]
    [InlineData("truncated")]
    [InlineData("extended")]
    public void Malformed_receiver_message_aborts_naming_the_receiver(string tamper)
    {
        var random = new SeededRandomSource(4);
        var sid = Sid(5);
        var (_, message) = BaseOt.ReceiverStart(sid, random);
        var bytes = Tamper(message.Encode(), tamper, index: 37);
        var abort = Assert.Throws<ProtocolAbortException>(() => BaseOt.SenderRespond(sid, bytes, Receiver, random));
        Assert.Equal(Receiver, abort.Culprit);
        Assert.Equal(AbortChecks.BaseOtMalformed, abort.Check);
    }

    [Theory]
    [InlineData("identity-byte")]
    [InlineData("uncompressed-prefix")]
    [InlineData("off-curve-x")]
    [InlineData("x-above-p")]
    [InlineData("truncated")]
    [InlineData("extended")]
    public void Malformed_sender_reply_aborts_naming_the_sender(string tamper)
    {
        var random = new SeededRandomSource(5);
        var sid = Sid(6);
        var (state, message) = BaseOt.ReceiverStart(sid, random);
        var (_, reply) = BaseOt.SenderRespond(sid, message, Receiver, random);
        var bytes = Tamper(reply.Encode(), tamper, index: 200);
        var abort = Assert.Throws<ProtocolAbortException>(() => BaseOt.ReceiverFinish(state, bytes, Sender));
        Assert.Equal(Sender, abort.Culprit);
        Assert.Equal(AbortChecks.BaseOtMalformed, abort.Check);
        // The failed finish consumed the state: no second attempt with the same secrets.
        Assert.Throws<InvalidOperationException>(() => BaseOt.ReceiverFinish(state, reply, Sender));
    }

    [Fact]
    public void Flipped_bytes_either_abort_or_break_exactly_the_tampered_ot()
    {
        var random = new SeededRandomSource(6);
        var sid = Sid(7);
        var flips = new Random(6);
        for (var trial = 0; trial < 4; trial++)
        {
            var (state, message) = BaseOt.ReceiverStart(sid, random);
            var bytes = message.Encode();
            var position = flips.Next(bytes.Length);
            bytes[position] ^= (byte)(1 << flips.Next(8));
            var tamperedOt = position / (2 * Point.EncodedLength);
            try
            {
                var (bob, reply) = BaseOt.SenderRespond(sid, bytes, Receiver, random);
                var alice = BaseOt.ReceiverFinish(state, reply, Sender);
                for (var i = 0; i < OtParameters.BaseOtCount; i++)
                {
                    var c = OtSeedDealer.Bit(alice.Delta, i);
                    var match = alice.Seeds.AsSpan(i * SeedLength, SeedLength)
                        .SequenceEqual((c == 0 ? bob.Seeds0 : bob.Seeds1).AsSpan(i * SeedLength, SeedLength));
                    // Changing r_{1−c} changes the hash the receiver programmed against; changing r_c changes the point.
                    Assert.Equal(i != tamperedOt, match);
                }
            }
            catch (ProtocolAbortException abort)
            {
                Assert.Equal(Receiver, abort.Culprit);
                Assert.Equal(AbortChecks.BaseOtMalformed, abort.Check);
            }
        }
    }

    [Fact]
    public void Flipped_reply_bytes_either_abort_naming_the_sender_or_break_exactly_the_tampered_ot()
    {
        var random = new SeededRandomSource(9);
        var sid = Sid(11);
        var flips = new Random(9);
        for (var trial = 0; trial < 4; trial++)
        {
            var (state, message) = BaseOt.ReceiverStart(sid, random);
            var (bob, reply) = BaseOt.SenderRespond(sid, message, Receiver, random);
            var bytes = reply.Encode();
            var position = flips.Next(bytes.Length);
            bytes[position] ^= (byte)(1 << flips.Next(8));
            var tamperedOt = position / Point.EncodedLength;
            try
            {
                var alice = BaseOt.ReceiverFinish(state, bytes, Sender);
                for (var i = 0; i < OtParameters.BaseOtCount; i++)
                {
                    var c = OtSeedDealer.Bit(alice.Delta, i);
                    var match = alice.Seeds.AsSpan(i * SeedLength, SeedLength)
                        .SequenceEqual((c == 0 ? bob.Seeds0 : bob.Seeds1).AsSpan(i * SeedLength, SeedLength));
                    Assert.Equal(i != tamperedOt, match);
                }
            }
            catch (ProtocolAbortException abort)
            {
                Assert.Equal(Sender, abort.Culprit);
                Assert.Equal(AbortChecks.BaseOtMalformed, abort.Check);
            }
        }
    }

    [Fact]
    public void Receiver_message_that_programs_the_identity_is_rejected()
    {
        var random = new SeededRandomSource(7);
        var sid = Sid(8);
        var (_, honest) = BaseOt.ReceiverStart(sid, random);
        var r0 = honest.R0.ToArray();
        var r1 = honest.R1.ToArray();
        // r_0 = −H_G(sid, 0, 0, r_1) makes r_0 + H_G(…) the identity, so b·(…) would not depend on b.
        r0[0] = HashToCurve.Hash(sid, 0, 0, r1[0]).Negate();
        var malicious = new BaseOtReceiverMessage(r0, r1);
        var abort = Assert.Throws<ProtocolAbortException>(() => BaseOt.SenderRespond(sid, malicious, Receiver, random));
        Assert.Equal(Receiver, abort.Culprit);
        Assert.Equal(AbortChecks.BaseOtMalformed, abort.Check);
    }

    [Fact]
    public void Parallel_computation_is_reproducible_from_the_random_source()
    {
        // All randomness is drawn on the calling thread before the parallel part, so equal seeds give equal transcripts.
        var sid = Sid(12);
        var (stateA, messageA) = BaseOt.ReceiverStart(sid, new SeededRandomSource(12));
        var (stateB, messageB) = BaseOt.ReceiverStart(sid, new SeededRandomSource(12));
        Assert.Equal(messageA.Encode(), messageB.Encode());
        var (bobA, replyA) = BaseOt.SenderRespond(sid, messageA, Receiver, new SeededRandomSource(13));
        var (bobB, replyB) = BaseOt.SenderRespond(sid, messageA, Receiver, new SeededRandomSource(13));
        Assert.Equal(replyA.Encode(), replyB.Encode());
        Assert.Equal(bobA.Seeds0, bobB.Seeds0);
        Assert.Equal(bobA.Seeds1, bobB.Seeds1);
        Assert.Equal(BaseOt.ReceiverFinish(stateA, replyA, Sender).Seeds, BaseOt.ReceiverFinish(stateB, replyB, Sender).Seeds);
    }

    [Fact]
    public void Receiver_state_is_single_use()
    {
        var random = new SeededRandomSource(8);
        var sid = Sid(9);
        var (state, message) = BaseOt.ReceiverStart(sid, random);
        var (_, reply) = BaseOt.SenderRespond(sid, message, Receiver, random);
        BaseOt.ReceiverFinish(state, reply, Sender);
        Assert.Throws<InvalidOperationException>(() => BaseOt.ReceiverFinish(state, reply, Sender));
    }

    [Fact]
    public void Hash_to_curve_is_deterministic_and_binds_every_input()
    {
        var point = Point.MultiplyGenerator(Scalar.FromUInt64(12345));
        var other = Point.MultiplyGenerator(Scalar.FromUInt64(12346));
        var h = HashToCurve.Hash(Sid(1), 3, 0, point);
        Assert.False(h.IsIdentity);
        Assert.False(h.AffineYIsOdd);
        Assert.Equal(h, HashToCurve.Hash(Sid(1), 3, 0, point));
        Assert.NotEqual(h, HashToCurve.Hash(Sid(2), 3, 0, point));
        Assert.NotEqual(h, HashToCurve.Hash(Sid(1), 4, 0, point));
        Assert.NotEqual(h, HashToCurve.Hash(Sid(1), 3, 1, point));
        Assert.NotEqual(h, HashToCurve.Hash(Sid(1), 3, 0, other));
        // A strict round trip proves the result is a valid, canonical group element.
        Assert.Equal(h, Point.Decode(h.Encode()));
    }

    internal static byte[] Sid(int n)
    {
        var sid = new byte[32];
        sid[0] = 0x5a;
        sid[31] = (byte)n;
        sid[30] = (byte)(n >> 8);
        return sid;
    }

    /// <summary>Applies one tampering to the point at <paramref name="index"/> (points are 33 bytes, back to back).</summary>
    internal static byte[] Tamper(byte[] encoded, string how, int index)
    {
        var offset = index * Point.EncodedLength;
        var bytes = (byte[])encoded.Clone();
        switch (how)
        {
            case "identity-byte":
                Array.Clear(bytes, offset, Point.EncodedLength);
                return bytes;
            case "uncompressed-prefix":
                bytes[offset] = 0x04;
                return bytes;
            case "off-curve-x":
                OffCurveX().CopyTo(bytes, offset + 1);
                return bytes;
            case "x-above-p":
                Array.Fill(bytes, (byte)0xFF, offset + 1, 32);
                return bytes;
            case "truncated":
                return bytes[..^1];
            case "extended":
                return [.. bytes, 0];
            default:
                throw new ArgumentOutOfRangeException(nameof(how));
        }
    }

    /// <summary>The smallest x ≥ 1 for which x³ + 7 has no square root mod p (no curve point has that x).</summary>
    private static byte[] OffCurveX()
    {
        for (var x = 1; ; x++)
        {
            var candidate = new byte[33];
            candidate[0] = 0x02;
            candidate[32] = (byte)x;
            if (!Point.TryDecode(candidate, out _))
            {
                return candidate[1..];
            }
        }
    }

    private static void AssertChosenSeedsMatch(OtExtensionSenderSeeds alice, OtExtensionReceiverSeeds bob)
    {
        for (var i = 0; i < OtParameters.BaseOtCount; i++)
        {
            var c = OtSeedDealer.Bit(alice.Delta, i);
            Assert.True(alice.Seeds.AsSpan(i * SeedLength, SeedLength)
                .SequenceEqual((c == 0 ? bob.Seeds0 : bob.Seeds1).AsSpan(i * SeedLength, SeedLength)));
        }
    }

    private static int DistinctSeeds(byte[] seeds0, byte[] seeds1)
    {
        var distinct = new HashSet<string>();
        for (var i = 0; i < OtParameters.BaseOtCount; i++)
        {
            distinct.Add(Convert.ToHexString(seeds0.AsSpan(i * SeedLength, SeedLength)));
            distinct.Add(Convert.ToHexString(seeds1.AsSpan(i * SeedLength, SeedLength)));
        }

        return distinct.Count / 2;
    }
}
