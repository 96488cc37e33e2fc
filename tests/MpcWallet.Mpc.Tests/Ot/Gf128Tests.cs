using System.Runtime.Intrinsics.X86;
using MpcWallet.Mpc.Ot;

namespace MpcWallet.Mpc.Tests.Ot;

public sealed class Gf128Tests
{
    [Fact]
    public void Field_identities_hold_on_random_values()
    {
        var random = new Random(128);
        for (var i = 0; i < 2000; i++)
        {
            var a = RandomElement(random);
            var b = RandomElement(random);
            var c = RandomElement(random);
            Assert.Equal(a, a * Gf128.One);
            Assert.Equal(Gf128.Zero, a * Gf128.Zero);
            Assert.Equal(a * b, b * a);
            Assert.Equal((a * b) * c, a * (b * c));
            Assert.Equal((a * (b ^ c)), (a * b) ^ (a * c));
        }
    }

    [Fact]
    public void Multiplication_matches_a_bitwise_reference_with_the_fixed_polynomial()
    {
        var random = new Random(7);
        // x^127 · x = x^128 = x^7 + x^2 + x + 1.
        Assert.Equal(new Gf128(0x87, 0), new Gf128(0, 1UL << 63) * new Gf128(2, 0));
        Assert.Equal(new Gf128(0x87, 0), new Gf128(0, 1) * new Gf128(0, 1));
        for (var i = 0; i < 500; i++)
        {
            var a = RandomElement(random);
            var b = RandomElement(random);
            Assert.Equal(ReferenceMultiply(a, b), a * b);
        }
    }

    [Fact]
    public void Clmul_and_portable_paths_agree()
    {
        var random = new Random(99);
        for (var i = 0; i < 2000; i++)
        {
            var a = RandomElement(random);
            var b = RandomElement(random);
            var portable = Gf128.MultiplyPortable(a, b);
            Assert.Equal(ReferenceMultiply(a, b), portable);
            if (Pclmulqdq.IsSupported)
            {
                Assert.Equal(portable, Gf128.MultiplyClmul(a, b));
            }
        }
    }

    [Fact]
    public void Byte_encoding_round_trips_little_endian()
    {
        var bytes = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var element = Gf128.Read(bytes);
        Assert.Equal(0x0807060504030201UL, element.Lo);
        var back = new byte[16];
        element.WriteTo(back);
        Assert.Equal(bytes, back);
    }

    /// <summary>Schoolbook shift-and-add with reduction after every shift: slow, obviously right.</summary>
    private static Gf128 ReferenceMultiply(Gf128 a, Gf128 b)
    {
        ulong rLo = 0, rHi = 0, aLo = a.Lo, aHi = a.Hi;
        for (var i = 0; i < 128; i++)
        {
            var bit = i < 64 ? (b.Lo >> i) & 1 : (b.Hi >> (i - 64)) & 1;
            if (bit == 1)
            {
                rLo ^= aLo;
                rHi ^= aHi;
            }

            var carry = aHi >> 63;
            aHi = (aHi << 1) | (aLo >> 63);
            aLo <<= 1;
            if (carry == 1)
            {
                aLo ^= 0x87;
            }
        }

        return new Gf128(rLo, rHi);
    }

    private static Gf128 RandomElement(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return Gf128.Read(bytes);
    }
}
