using MpcWallet.Ethereum.Rlp;

namespace MpcWallet.Ethereum.Tests.Rlp;

/// <summary>Random and mutated bytes: the decoder either succeeds (then the input was canonical) or throws RlpException.</summary>
public sealed class RlpFuzzTests
{
    [Fact]
    public void Random_bytes_yield_only_RlpException_and_every_accepted_input_reencodes_identically()
    {
        var random = new Random(20261124);
        var accepted = 0;
        for (var i = 0; i < 12_000; i++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            accepted += DecodeOnlyTypedErrors(bytes) ? 1 : 0;
        }

        Assert.True(accepted > 0, "some random inputs (e.g. single bytes) are valid RLP");
    }

    [Fact]
    public void Mutations_of_valid_encodings_yield_only_RlpException_and_every_accepted_input_reencodes_identically()
    {
        var random = new Random(7);
        var rejected = 0;
        for (var i = 0; i < 12_000; i++)
        {
            var valid = RlpEncoder.Encode(RandomItem(random, 0));
            var mutated = Mutate(random, valid);
            rejected += DecodeOnlyTypedErrors(mutated) ? 0 : 1;
        }

        Assert.True(rejected > 1000, $"mutations should mostly break canonical form; only {rejected} were rejected");
    }

    [Fact]
    public void Random_items_round_trip()
    {
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var encoded = RlpEncoder.Encode(RandomItem(random, 0));
            Assert.Equal(encoded, RlpEncoder.Encode(RlpDecoder.Decode(encoded)));
        }
    }

    internal static RlpItem RandomItem(Random random, int depth)
    {
        if (depth < 4 && random.Next(3) == 0)
        {
            var count = random.Next(0, 6);
            return RlpItem.FromList(Enumerable.Range(0, count).Select(_ => RandomItem(random, depth + 1)).ToList());
        }

        var length = random.Next(5) switch
        {
            0 => 0,
            1 => 1,
            2 => random.Next(2, 56),
            3 => random.Next(56, 300),
            _ => random.Next(1, 8),
        };
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return RlpItem.FromBytes(bytes);
    }

    internal static byte[] Mutate(Random random, byte[] valid)
    {
        var bytes = valid.ToList();
        switch (random.Next(5))
        {
            case 0 when bytes.Count > 0:
                bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                break;
            case 1 when bytes.Count > 0:
                bytes.RemoveAt(random.Next(bytes.Count));
                break;
            case 2:
                bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                break;
            case 3 when bytes.Count > 1:
                bytes.RemoveRange(random.Next(1, bytes.Count), 1);
                break;
            default:
                bytes.Add((byte)random.Next(256));
                break;
        }

        return [.. bytes];
    }

    /// <summary>True if decoded; any exception other than RlpException fails the test.</summary>
    private static bool DecodeOnlyTypedErrors(byte[] bytes)
    {
        try
        {
            var item = RlpDecoder.Decode(bytes);
            Assert.Equal(bytes, RlpEncoder.Encode(item));
            return true;
        }
        catch (RlpException)
        {
            return false;
        }
    }
}
