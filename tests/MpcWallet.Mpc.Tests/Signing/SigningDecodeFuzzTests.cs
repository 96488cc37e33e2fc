using MpcWallet.Mpc.Protocol;
using MpcWallet.Mpc.Signing;
using MpcWallet.Mpc.Tests.Support;

namespace MpcWallet.Mpc.Tests.Signing;

/// <summary>
/// Decoders of peer bytes either succeed or throw <see cref="MpcDecodeException"/>; a party fed garbage either
/// rejects the envelope or aborts with a <see cref="ProtocolAbortException"/> — nothing else escapes.
/// </summary>
public sealed class SigningDecodeFuzzTests
{
    private const int Iterations = 10_000;
    private const int Header = RoundBasedParty<PartialSignature>.HeaderLength;

    public static TheoryData<string> MessageTypes() => new() { "S1", "S2", "S3", "PartialSignature" };

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Random_and_mutated_inputs_only_throw_the_decode_exception(string type)
    {
        var samples = ValidEncodings();
        var valid = samples[type];
        Func<byte[], object> decode = type switch
        {
            "S1" => b => NonceCommitmentMessage.Decode(b),
            "S2" => b => MultiplicationRequestMessage.Decode(b),
            "S3" => b => MultiplicationResponseMessage.Decode(b),
            _ => b => PartialSignature.Decode(b),
        };

        decode(valid);
        var random = new Random(type.Length * 7919);
        var decodedCount = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(valid, random);
            try
            {
                decode(input);
                decodedCount++;
            }
            catch (MpcDecodeException)
            {
            }
        }

        // Both outcomes must occur, or the mutations were not exercising the decoder.
        Assert.InRange(decodedCount, 1, Iterations - 1);
    }

    [Fact]
    public void A_party_fed_mutated_messages_only_rejects_or_aborts()
    {
        var shares = DealtKeys.Get(2, 3);
        var random = new SeededRandomSource(606);
        var mutate = new Random(606);
        var digest = new byte[32];
        random.Fill(digest);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 60; i++)
        {
            var round = 1 + (i % 3);
            var parties = SigningHarness.Parties(shares, [1, 2], digest, null, random);
            try
            {
                ProtocolRunner.Run<PartialSignature>(parties, (message, recipient) =>
                    recipient == 1 && message.Round == round ? message with { Payload = [.. message.Payload[..Header], .. Mutate(message.Payload[Header..], mutate)] } : message);
                Count("completed");
            }
            catch (ProtocolAbortException abort)
            {
                Count(abort.Check);
            }
            catch (ProtocolMessageRejectedException)
            {
                Count("rejected");
            }
            catch (InvalidOperationException e) when (e.Message.Contains("did not complete", StringComparison.Ordinal))
            {
                Count("incomplete");
            }
        }

        Assert.Contains(AbortChecks.MalformedMessage, outcomes.Keys);

        void Count(string key) => outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                var noise = new byte[random.Next(0, valid.Length + 64)];
                random.NextBytes(noise);
                return noise;
            case 1:
                return valid[..random.Next(valid.Length)];
            case 2:
                var extra = new byte[random.Next(1, 40)];
                random.NextBytes(extra);
                return [.. valid, .. extra];
            case 3:
                var saturated = (byte[])valid.Clone();
                var start = random.Next(valid.Length);
                saturated.AsSpan(start, Math.Min(33, valid.Length - start)).Fill(0xFF);
                return saturated;
            default:
                var flipped = (byte[])valid.Clone();
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }

                return flipped;
        }
    }

    private static Dictionary<string, byte[]> ValidEncodings()
    {
        var shares = DealtKeys.Get(2, 3);
        var random = new SeededRandomSource(505);
        var digest = new byte[32];
        random.Fill(digest);
        var transcript = new List<ProtocolMessage>();
        var partials = SigningHarness.Run(SigningHarness.Parties(shares, [1, 2], digest, null, random), transcript: transcript);
        byte[] BodyOf(int round) => transcript.First(m => m.Round == round).Payload[Header..];
        return new()
        {
            ["S1"] = BodyOf(1),
            ["S2"] = BodyOf(2),
            ["S3"] = BodyOf(3),
            ["PartialSignature"] = partials[1].Encode(),
        };
    }
}
