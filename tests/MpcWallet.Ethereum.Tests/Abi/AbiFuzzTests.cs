using System.Numerics;
using System.Text.Json.Nodes;
using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Addresses;

namespace MpcWallet.Ethereum.Tests.Abi;

/// <summary>
/// Random types and values (seeded, so a failure reproduces): decode(encode(v)) = v, and for random corruptions of
/// an encoding the decoder either refuses it or — when it accepts — the bytes re-encode identically (canonical form
/// is the only accepted form). Nothing but <see cref="AbiException"/> may escape.
/// </summary>
public sealed class AbiFuzzTests
{
    [Fact]
    public void Random_values_round_trip_and_corruptions_are_refused_or_canonical()
    {
        var random = new Random(1307);
        var accepted = 0;
        var refused = 0;
        for (var round = 0; round < 300; round++)
        {
            var types = Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomType(random, 0)).ToArray();
            var values = types.Select(t => RandomValue(random, t)).ToArray();
            var encoded = AbiEncoder.Encode(types, values);
            var decoded = AbiDecoder.Decode(types, encoded);
            var parameters = types.Select(t => new AbiParameter("", t)).ToArray();
            Assert.True(JsonNode.DeepEquals(AbiJsonValues.ToJson(parameters, values), AbiJsonValues.ToJson(parameters, decoded)), string.Join(",", types.Select(t => t.CanonicalName)));

            for (var mutation = 0; mutation < 10; mutation++)
            {
                var corrupted = Corrupt(random, encoded);
                try
                {
                    var again = AbiDecoder.Decode(types, corrupted);
                    Assert.Equal(corrupted, AbiEncoder.Encode(types, again.ToArray()));
                    accepted++;
                }
                catch (AbiException)
                {
                    refused++;
                }
            }
        }

        // Most single-byte corruptions break canonical form; some (a changed value byte) are simply other values.
        Assert.True(refused > 0 && accepted > 0, $"refused {refused}, accepted {accepted}");
    }

    private static byte[] Corrupt(Random random, byte[] encoded)
    {
        var copy = encoded.ToList();
        switch (random.Next(4))
        {
            case 0 when copy.Count > 0:
                copy[random.Next(copy.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when copy.Count > 0:
                var cut = Math.Min(copy.Count, 1 + random.Next(40));
                copy.RemoveRange(copy.Count - cut, cut);
                break;
            case 2:
                copy.AddRange(Enumerable.Repeat((byte)0, 32));
                break;
            default:
                if (copy.Count >= 32)
                {
                    // Overwrite one whole word with a small number: offsets and lengths are the interesting targets.
                    var word = random.Next(copy.Count / 32) * 32;
                    for (var i = 0; i < 32; i++)
                    {
                        copy[word + i] = i == 31 ? (byte)random.Next(256) : (byte)0;
                    }
                }

                break;
        }

        return copy.ToArray();
    }

    private static AbiType RandomType(Random random, int depth)
    {
        var choice = random.Next(depth > 2 ? 7 : 10);
        return choice switch
        {
            0 => new AbiIntegerType(8 * random.Next(1, 33), isSigned: random.Next(2) == 0),
            1 => AbiAddressType.Instance,
            2 => AbiBoolType.Instance,
            3 => new AbiFixedBytesType(random.Next(1, 33)),
            4 => AbiBytesType.Instance,
            5 => AbiStringType.Instance,
            6 => AbiIntegerType.UInt256,
            7 => new AbiArrayType(RandomType(random, depth + 1), null),
            8 => new AbiArrayType(RandomType(random, depth + 1), random.Next(1, 4)),
            _ => new AbiTupleType(Enumerable.Range(0, random.Next(1, 4)).Select(i => new AbiParameter("c" + i, RandomType(random, depth + 1)))),
        };
    }

    private static object RandomValue(Random random, AbiType type) => type switch
    {
        AbiIntegerType integer => RandomInteger(random, integer),
        AbiAddressType => EthereumAddress.FromBytes(Bytes(random, 20)),
        AbiBoolType => random.Next(2) == 0,
        AbiFixedBytesType fixedBytes => Bytes(random, fixedBytes.Size),
        AbiBytesType => Bytes(random, random.Next(0, 70)),
        AbiStringType => new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => "aé✓z,\"("[random.Next(7)]).ToArray()),
        AbiArrayType array => Enumerable.Range(0, array.Length ?? random.Next(0, 4)).Select(_ => RandomValue(random, array.Element)).ToArray(),
        AbiTupleType tuple => tuple.Components.Select(c => RandomValue(random, c.Type)).ToArray(),
        _ => throw new InvalidOperationException(),
    };

    private static BigInteger RandomInteger(Random random, AbiIntegerType type)
    {
        return random.Next(4) switch
        {
            0 => type.MinValue,
            1 => type.MaxValue,
            _ => type.MinValue + (new BigInteger(Bytes(random, (type.Bits / 8) + 1), isUnsigned: true) % (type.MaxValue - type.MinValue + 1)),
        };
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
