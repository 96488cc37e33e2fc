using MpcWallet.Mpc.Ot;

namespace MpcWallet.Mpc.Tests.Ot;

/// <summary>The four-lane SHAKE256 against BouncyCastle's and the platform's one-lane SHAKE256, on both paths.</summary>
public sealed class Shake256x4Tests
{
    private static readonly int[] InputLengths = [0, 1, 67, 68, 76, 135, 136, 137, 271, 272, 300];
    private static readonly int[] OutputLengths = [1, 7, 8, 9, 32, 80, 135, 136, 137, 144, 272, 400];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_input_hashes_as_single_shake256_at_block_boundaries_and_beyond(bool vectors)
    {
        var random = new Random(1600);
        using var scope = vectors ? null : VectorPaths.ScalarOnly();
        foreach (var inputLength in InputLengths)
        {
            foreach (var outputLength in OutputLengths)
            {
                // 4k + 3 inputs: whole batches of four and a remainder.
                var count = 11;
                var inputs = RandomBytes(random, count * inputLength);
                var outputs = new byte[count * outputLength];
                Shake256x4.HashMany(inputs, inputLength, outputs, outputLength);
                for (var i = 0; i < count; i++)
                {
                    var expected = new byte[outputLength];
                    Shake256Xof.HashManaged(inputs.AsSpan(i * inputLength, inputLength), expected);
                    Assert.True(expected.AsSpan().SequenceEqual(outputs.AsSpan(i * outputLength, outputLength)),
                        $"input {i} of length {inputLength}, output length {outputLength}");
                }
            }
        }
    }

    [Fact]
    public void Ten_thousand_random_row_pad_and_prg_shapes_match_the_platform_hash()
    {
        var random = new Random(2024);
        foreach (var (inputLength, outputLength) in new[] { (68, 144), (68, 80) })
        {
            const int count = 10_000;
            var inputs = RandomBytes(random, count * inputLength);
            var outputs = new byte[count * outputLength];
            Shake256x4.HashMany(inputs, inputLength, outputs, outputLength);
            var expected = new byte[outputLength];
            for (var i = 0; i < count; i++)
            {
                Shake256Xof.Hash(inputs.AsSpan(i * inputLength, inputLength), expected);
                Assert.True(expected.AsSpan().SequenceEqual(outputs.AsSpan(i * outputLength, outputLength)), $"input {i}");
            }
        }
    }

    [Fact]
    public void Mismatched_buffers_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Shake256x4.HashMany(new byte[10], 3, new byte[9], 3));
        Assert.Throws<ArgumentException>(() => Shake256x4.HashMany(new byte[9], 3, new byte[10], 3));
        Assert.Throws<ArgumentException>(() => Shake256x4.HashMany(new byte[9], 3, new byte[9], 0));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
