using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Tests.Support;

/// <summary>
/// Returns the given byte strings for the first fills of their lengths, in order, then defers to
/// <paramref name="rest"/>: lets a test rig one party's first secrets (a nonce, polynomial coefficients) to cancel
/// another party's.
/// </summary>
internal sealed class PrefixedRandomSource(IRandomSource rest, params byte[][] first) : IRandomSource
{
    private int _next;

    public PrefixedRandomSource(byte[] first, IRandomSource rest)
        : this(rest, [first])
    {
    }

    public void Fill(Span<byte> destination)
    {
        if (_next < first.Length && destination.Length == first[_next].Length)
        {
            first[_next++].CopyTo(destination);
            return;
        }

        rest.Fill(destination);
    }
}
