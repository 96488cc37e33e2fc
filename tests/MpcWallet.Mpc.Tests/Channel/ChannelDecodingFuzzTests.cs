using MpcWallet.Mpc.Channel;
using Org.BouncyCastle.Crypto;

namespace MpcWallet.Mpc.Tests.Channel;

public sealed class ChannelDecodingFuzzTests
{
    [Fact]
    public void Random_and_mutated_inputs_only_ever_raise_channel_authentication_exceptions()
    {
        using var f = new ChannelFixture(seed: 21);
        var originals = new[]
        {
            f.SealDirect(1, 2, payload: f.RandomPayload(40)).Bytes,
            f.SealDirect(3, 2, payload: []).Bytes,
            f.SealBroadcast(1, payload: f.RandomPayload(90)).Bytes,
            f.SealBroadcast(3, payload: []).Bytes,
        };
        var valid = new HashSet<string>(originals.Select(Convert.ToHexString));
        var random = new Random(20261124);
        var inputs = new List<byte[]>();
        for (var i = 0; i < 2_000; i++)
        {
            inputs.Add(RandomBytes(random, random.Next(0, 300)));
        }

        for (var i = 0; i < 2_000; i++)
        {
            inputs.Add(PlausibleHeaderThenNoise(random, f));
        }

        for (var i = 0; i < 8_000; i++)
        {
            inputs.Add(Mutate(random, originals[random.Next(originals.Length)]));
        }

        var opened = 0;
        foreach (var input in inputs)
        {
            var isValid = valid.Contains(Convert.ToHexString(input));
            opened += OpensOrRejects(() => f.Protectors[2].Open(input, f.Session), isValid);

            SealedProtocolMessage? envelope = null;
            var parsed = Record.Exception(() => envelope = SealedProtocolMessage.FromBytes(input));
            Assert.True(parsed is null or ChannelAuthenticationException, parsed?.GetType().Name);
            if (envelope is not null)
            {
                OpensOrRejects(() => f.Protectors[2].Open(envelope, f.Session), isValid);
            }
        }

        Assert.True(inputs.Count >= 12_000);
        Assert.True(opened < 100, $"{opened} fuzz inputs opened");
    }

    [Fact]
    public void Random_and_mutated_session_key_offers_only_raise_decode_or_offer_rejections()
    {
        using var f = new ChannelFixture(seed: 22, sessionKeys: false);
        var agreementRandom = new Support.SeededRandomSource(23);
        var genuine = new[] { 2, 3 }.ToDictionary(i => i, i => new SessionKeyAgreement(f.Identities[i], i, f.Directory, f.Session, agreementRandom).Offer.Encode());
        var random = new Random(20261203);
        int decoded = 0, accepted = 0, total = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var party = 2 + (i % 2);
            var input = (i % 3) switch
            {
                0 => RandomBytes(random, random.Next(0, 2 * SessionKeyOffer.EncodedLength)),
                1 => [SessionKeyOffer.FormatVersion, (byte)party, .. RandomBytes(random, SessionKeyOffer.EncodedLength - 2)],
                _ => MutateOffer(random, genuine[party]),
            };
            var isGenuine = input.AsSpan().SequenceEqual(genuine[party]);
            total++;

            var decodeError = Record.Exception(() => SessionKeyOffer.Decode(input));
            Assert.True(decodeError is null or MpcDecodeException, decodeError?.GetType().Name);
            decoded += decodeError is null ? 1 : 0;

            using var agreement = new SessionKeyAgreement(f.Identities[1], 1, f.Directory, f.Session, agreementRandom);
            var offers = new Dictionary<int, byte[]> { [party] = input, [5 - party] = genuine[5 - party] };
            ChannelProtector? protector = null;
            var acceptError = Record.Exception(() => protector = agreement.Accept(offers));
            protector?.Dispose();
            if (isGenuine)
            {
                Assert.Null(acceptError);
                accepted++;
                continue;
            }

            var rejection = Assert.IsType<SessionKeyOfferRejectedException>(acceptError);
            Assert.Equal(party, rejection.Party);
        }

        // Mutations reach the signature check (many decode) but only the genuine bytes are ever accepted.
        Assert.True(decoded > total / 10, $"only {decoded} of {total} decoded");
        Assert.True(accepted < 50, $"{accepted} accepted");
    }

    private static byte[] MutateOffer(Random random, byte[] genuine)
    {
        var bytes = (byte[])genuine.Clone();
        switch (random.Next(4))
        {
            case 0:
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                return [.. bytes, .. RandomBytes(random, random.Next(1, 10))];
            default:
                // keep the ephemeral key valid, tamper with the signature only
                bytes[2 + 32 + random.Next(64)] ^= (byte)random.Next(1, 256);
                return bytes;
        }
    }

    private static int OpensOrRejects(Func<object> open, bool isValid)
    {
        var error = Record.Exception(open);
        if (isValid)
        {
            Assert.Null(error);
            return 1;
        }

        var rejection = Assert.IsType<ChannelAuthenticationException>(error);
        Assert.True(rejection.InnerException is null or MpcDecodeException or InvalidCipherTextException, rejection.InnerException?.GetType().Name);
        return 0;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    // Passes the cheap header checks so the fuzzing reaches length handling and the cryptographic checks.
    private static byte[] PlausibleHeaderThenNoise(Random random, ChannelFixture f)
    {
        var broadcast = random.Next(2) == 0;
        var from = random.Next(1, 4);
        var header = SealedFrame.WriteHeader(f.Session, random.Next(1, 256), from, broadcast ? null : (from % 3) + 1);
        var body = RandomBytes(random, random.Next(0, 120));
        var length = random.Next(4) == 0 ? (uint)random.Next() : (uint)Math.Max(0, body.Length - (broadcast ? 64 : 0));
        var lengthBytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(lengthBytes, length);
        return [.. header, .. lengthBytes, .. body];
    }

    private static byte[] Mutate(Random random, byte[] original)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(7))
        {
            case 0:
                for (var flips = random.Next(1, 5); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }

                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                return [.. bytes, .. RandomBytes(random, random.Next(1, 70))];
            case 3:
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(
                    bytes.AsSpan(SealedFrame.BodyLengthOffset),
                    random.Next(3) == 0 ? uint.MaxValue - (uint)random.Next(100) : (uint)random.Next(0, 200));
                return bytes;
            case 4:
                bytes[random.Next(SealedFrame.HeaderLength)] = (byte)random.Next(256);
                return bytes;
            case 5:
                var cut = random.Next(bytes.Length);
                return [.. bytes[..cut], .. bytes[Math.Min(bytes.Length, cut + random.Next(1, 5))..]];
            default:
                var at = random.Next(bytes.Length);
                return [.. bytes[..at], (byte)random.Next(256), .. bytes[at..]];
        }
    }
}
