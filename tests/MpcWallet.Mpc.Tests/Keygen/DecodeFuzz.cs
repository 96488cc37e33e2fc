namespace MpcWallet.Mpc.Tests.Keygen;

/// <summary>Random and mutated inputs for decoders: every input must decode or throw <see cref="MpcDecodeException"/>.</summary>
internal static class DecodeFuzz
{
    /// <summary>
    /// Runs <paramref name="total"/> inputs: <paramref name="mutations"/> mutations of <paramref name="valid"/> (byte flips,
    /// truncations, extensions, overwritten runs) and the rest random byte strings around the valid length.
    /// Returns how many decoded successfully.
    /// </summary>
    public static int Run(byte[] valid, Action<byte[]> decode, int total, int mutations, int seed)
    {
        var random = new Random(seed);
        var decoded = 0;
        for (var n = 0; n < total; n++)
        {
            var input = n < mutations ? Mutate(valid, random) : RandomBytes(valid.Length, random);
            try
            {
                decode(input);
                decoded++;
            }
            catch (MpcDecodeException)
            {
            }
        }

        return decoded;
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var input = (byte[])valid.Clone();
        switch (random.Next(5))
        {
            case 0:
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                }

                return input;
            case 1:
                return input[..random.Next(input.Length)];
            case 2:
                return [.. input, .. RandomBytes(random.Next(1, 40), random, exact: true)];
            case 3:
                var start = random.Next(input.Length);
                var length = Math.Min(random.Next(1, 64), input.Length - start);
                random.NextBytes(input.AsSpan(start, length));
                return input;
            default:
                // Replace a 4-byte window with an extreme value (counts, lengths).
                var at = random.Next(Math.Max(1, input.Length - 4));
                var value = random.Next(2) == 0 ? 0xFF : 0x00;
                input.AsSpan(at, Math.Min(4, input.Length - at)).Fill((byte)value);
                return input;
        }
    }

    private static byte[] RandomBytes(int around, Random random, bool exact = false)
    {
        var length = exact ? around : random.Next(3) switch
        {
            0 => around,
            1 => random.Next(0, 80),
            _ => Math.Max(0, around + random.Next(-40, 40)),
        };
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
