using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Tests.Support;

/// <summary>
/// A seeded source that, once armed, throws an unexpected exception on its n-th fill: stands in for any failure
/// inside a round that is not a protocol check (a bug, an exhausted resource, a broken CSPRNG).
/// </summary>
internal sealed class ThrowingRandomSource(int seed) : IRandomSource
{
    private readonly SeededRandomSource _inner = new(seed);
    private int _fillsUntilThrow = -1;

    public InvalidOperationException Injected { get; } = new("injected failure of the random source");

    /// <summary>The <paramref name="nthFill"/>-th fill from now throws <see cref="Injected"/>.</summary>
    public void ThrowOnFill(int nthFill) => _fillsUntilThrow = nthFill;

    public void Fill(Span<byte> destination)
    {
        if (_fillsUntilThrow > 0 && --_fillsUntilThrow == 0)
        {
            throw Injected;
        }

        _inner.Fill(destination);
    }
}
