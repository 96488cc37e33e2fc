using System.Globalization;
using System.Text;

namespace MpcWallet.Mpc.Derivation;

/// <summary>
/// BIP32 path text for non-hardened derivation: "m" (the root) or "m/i/j/…" with every index a canonical decimal in
/// 0..2^31 − 1 (no sign, no leading zeros, no spaces), at most <see cref="KeyDerivation.MaxDepth"/> steps. Hardened
/// steps ("0'", "0h", "0H", or indices ≥ 2^31) are refused: they need the parent private key, which no party of a
/// threshold wallet holds.
/// </summary>
public static class DerivationPath
{
    public const string Root = "m";

    private const int MaxIndexDigits = 10;

    /// <summary>The indices of <paramref name="text"/>; <see cref="InvalidDerivationPathException"/> says what is wrong.</summary>
    public static uint[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == Root)
        {
            return [];
        }

        if (!text.StartsWith(Root + "/", StringComparison.Ordinal))
        {
            throw new InvalidDerivationPathException($"a derivation path starts with \"m\" (the root), as in \"m/0/7\"; got \"{Shorten(text)}\"");
        }

        var segments = text[2..].Split('/');
        if (segments.Length > KeyDerivation.MaxDepth)
        {
            throw new InvalidDerivationPathException($"a derivation path has at most {KeyDerivation.MaxDepth} steps");
        }

        var indices = new uint[segments.Length];
        for (var k = 0; k < segments.Length; k++)
        {
            indices[k] = ParseIndex(segments[k], k + 1);
        }

        return indices;
    }

    /// <summary>Like <see cref="Parse"/>, without throwing: the error message, or null when the text is valid.</summary>
    public static bool TryParse(string text, out uint[] indices, out string? error)
    {
        try
        {
            indices = Parse(text);
            error = null;
            return true;
        }
        catch (InvalidDerivationPathException e)
        {
            indices = [];
            error = e.Message;
            return false;
        }
    }

    /// <summary>The canonical text of a non-hardened path ("m" for the root).</summary>
    public static string Format(IReadOnlyList<uint> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var text = new StringBuilder(Root);
        foreach (var index in indices)
        {
            if (index >= KeyDerivation.HardenedOffset)
            {
                throw new ArgumentException("hardened indices have no non-hardened path text", nameof(indices));
            }

            text.Append('/').Append(index.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static uint ParseIndex(string segment, int position)
    {
        if (segment.Length > 0 && segment[^1] is '\'' or 'h' or 'H')
        {
            throw new InvalidDerivationPathException(
                $"step {position} (\"{Shorten(segment)}\") is hardened; a threshold wallet has no single private key to derive hardened children from, so only non-hardened indices 0..2147483647 are allowed");
        }

        if (segment.Length == 0 || segment.Length > MaxIndexDigits || segment.Any(c => c is < '0' or > '9') || (segment.Length > 1 && segment[0] == '0'))
        {
            throw new InvalidDerivationPathException($"step {position} (\"{Shorten(segment)}\") is not a decimal index without sign or leading zeros");
        }

        var value = ulong.Parse(segment, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value >= KeyDerivation.HardenedOffset)
        {
            throw new InvalidDerivationPathException(
                $"step {position} ({segment}) is 2^31 or more, a hardened index; only non-hardened indices 0..2147483647 are allowed");
        }

        return (uint)value;
    }

    // Never echo an unbounded client string into an error message.
    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
