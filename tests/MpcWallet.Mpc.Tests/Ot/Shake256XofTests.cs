using System.Security.Cryptography;
using MpcWallet.Mpc.Ot;

namespace MpcWallet.Mpc.Tests.Ot;

public sealed class Shake256XofTests
{
    [Fact]
    public void Empty_input_matches_the_fips202_known_answer()
    {
        var output = new byte[32];
        Shake256Xof.Hash([], output);
        Assert.Equal("46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f", Convert.ToHexStringLower(output));
        Shake256Xof.HashManaged([], output);
        Assert.Equal("46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f", Convert.ToHexStringLower(output));
    }

    [Fact]
    public void Platform_and_managed_implementations_agree()
    {
        var random = new Random(256);
        foreach (var (inputLength, outputLength) in new[] { (68, 80), (68, 144), (32, 24576), (135, 137), (136, 136), (300, 500) })
        {
            var input = new byte[inputLength];
            random.NextBytes(input);
            var viaDispatch = new byte[outputLength];
            var managed = new byte[outputLength];
            Shake256Xof.Hash(input, viaDispatch);
            Shake256Xof.HashManaged(input, managed);
            Assert.Equal(managed, viaDispatch);
            if (Shake256.IsSupported)
            {
                Assert.Equal(managed, Shake256.HashData(input, outputLength));
            }
        }
    }
}
