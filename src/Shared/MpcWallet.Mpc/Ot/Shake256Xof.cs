using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// SHAKE256 as the OT layer's PRG and wide hash: one call yields as many bytes as a column or a row of pads needs.
/// The platform implementation (OpenSSL / CNG) is used when present; BouncyCastle's managed one otherwise (macOS),
/// and a unit test checks both agree, so parties on different platforms derive identical pads.
/// </summary>
internal static class Shake256Xof
{
    public static void Hash(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (Shake256.IsSupported)
        {
            Shake256.HashData(input, output);
        }
        else
        {
            HashManaged(input, output);
        }
    }

    internal static void HashManaged(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var digest = new ShakeDigest(256);
        digest.BlockUpdate(input);
        digest.OutputFinal(output);
    }
}
