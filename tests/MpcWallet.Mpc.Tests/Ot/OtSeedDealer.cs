using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Tests.Ot;

/// <summary>
/// Test-only shortcut to the output of the base OTs: random seed pairs (k_{j,0}, k_{j,1}) for the extension receiver,
/// random Δ and k_{j,Δ_j} for the extension sender. Lets extension and RVOLE tests run without 256 base OTs each;
/// separate tests run the real base OT end to end.
/// </summary>
internal static class OtSeedDealer
{
    public static (OtExtensionSenderSeeds Alice, OtExtensionReceiverSeeds Bob) Deal(IRandomSource random)
    {
        const int count = OtParameters.BaseOtCount;
        const int length = OtParameters.SeedLength;
        var seeds0 = new byte[count * length];
        var seeds1 = new byte[count * length];
        var delta = new byte[count / 8];
        random.Fill(seeds0);
        random.Fill(seeds1);
        random.Fill(delta);
        var chosen = new byte[count * length];
        for (var j = 0; j < count; j++)
        {
            var source = ((delta[j / 8] >> (j % 8)) & 1) == 1 ? seeds1 : seeds0;
            source.AsSpan(j * length, length).CopyTo(chosen.AsSpan(j * length));
        }

        return (new OtExtensionSenderSeeds(delta, chosen), new OtExtensionReceiverSeeds(seeds0, seeds1));
    }

    public static int Bit(ReadOnlySpan<byte> bits, int index) => (bits[index / 8] >> (index % 8)) & 1;
}
