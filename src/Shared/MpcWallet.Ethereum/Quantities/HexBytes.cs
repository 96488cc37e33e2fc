using System.Diagnostics.CodeAnalysis;

namespace MpcWallet.Ethereum.Quantities;

/// <summary>
/// The JSON-RPC DATA encoding: "0x" followed by two hex digits per byte; empty data is "0x". Parsing is strict:
/// the lowercase "0x" prefix is required and the digit count must be even.
/// </summary>
public static class HexBytes
{
    public static string ToHex(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    public static byte[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var bytes)
            ? bytes
            : throw new FormatException("Expected 0x-prefixed hex data with an even number of digits.");
    }

    /// <summary>Parses DATA that must be exactly <paramref name="length"/> bytes long (hashes, addresses, keys).</summary>
    public static byte[] ParseFixed(string text, int length)
    {
        var bytes = Parse(text);
        return bytes.Length == length
            ? bytes
            : throw new FormatException($"Expected {length} bytes of hex data, got {bytes.Length}.");
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text is null || text.Length < 2 || text[0] != '0' || text[1] != 'x' || text.Length % 2 != 0)
        {
            return false;
        }

        var digits = text.AsSpan(2);
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        bytes = Convert.FromHexString(digits);
        return true;
    }
}
