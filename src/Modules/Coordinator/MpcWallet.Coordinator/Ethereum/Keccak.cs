using Org.BouncyCastle.Crypto.Digests;

namespace MpcWallet.Coordinator.Ethereum;

/// <summary>Keccak-256 as Ethereum uses it (the original Keccak padding, not NIST SHA3-256).</summary>
internal static class Keccak
{
    public static byte[] Hash256(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        var output = new byte[32];
        digest.DoFinal(output);
        return output;
    }
}
