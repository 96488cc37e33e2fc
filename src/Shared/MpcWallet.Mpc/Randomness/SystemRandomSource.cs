using System.Security.Cryptography;

namespace MpcWallet.Mpc.Randomness;

/// <summary>The operating system's CSPRNG. Nonces and shares in production come only from here.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public static SystemRandomSource Instance { get; } = new();

    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
