using Org.BouncyCastle.Crypto.Digests;

namespace MpcWallet.Ethereum.Hashing;

/// <summary>
/// Ethereum's hash: the original Keccak-256 (padding byte 0x01). NIST SHA3-256 (padding 0x06, .NET's SHA3_256,
/// BouncyCastle's Sha3Digest) gives different output and must never be used here.
/// </summary>
public static class Keccak256
{
    public const int HashLength = 32;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var output = new byte[HashLength];
        Hash(data, output);
        return output;
    }

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output)
    {
        if (output.Length < HashLength)
        {
            throw new ArgumentException("The output needs 32 bytes.", nameof(output));
        }

        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        digest.DoFinal(output);
    }

    /// <summary>Hash of the concatenation of several parts, without building the concatenation.</summary>
    public static byte[] HashConcatenation(params ReadOnlySpan<byte[]> parts)
    {
        var digest = new KeccakDigest(256);
        foreach (var part in parts)
        {
            digest.BlockUpdate(part);
        }

        var output = new byte[HashLength];
        digest.DoFinal(output);
        return output;
    }
}
