using System.Buffers.Binary;
using System.Security.Cryptography;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Tests.Support;

/// <summary>Deterministic SHA-256 counter-mode byte stream for reproducible tests. Never used outside tests.</summary>
internal sealed class SeededRandomSource : IRandomSource
{
    private readonly byte[] _seed;
    private ulong _counter;

    public SeededRandomSource(int seed)
    {
        _seed = SHA256.HashData(BitConverter.GetBytes(seed));
    }

    public void Fill(Span<byte> destination)
    {
        Span<byte> block = stackalloc byte[40];
        Span<byte> output = stackalloc byte[32];
        _seed.CopyTo(block);
        for (var offset = 0; offset < destination.Length; offset += 32)
        {
            BinaryPrimitives.WriteUInt64BigEndian(block[32..], _counter++);
            SHA256.HashData(block, output);
            output[..Math.Min(32, destination.Length - offset)].CopyTo(destination[offset..]);
        }
    }
}
