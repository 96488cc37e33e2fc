using System.Security.Cryptography;

namespace MpcWallet.Mpc.Derivation;

/// <summary>
/// Bitcoin's Base58Check: the payload followed by the first four bytes of SHA-256(SHA-256(payload)), written in base 58
/// with the alphabet 1-9 A-H J-N P-Z a-k m-z, one '1' per leading zero byte. Decoding is strict (alphabet, checksum,
/// length limit) and reports every problem as a <see cref="FormatException"/>.
/// </summary>
public static class Base58Check
{
    /// <summary>Longest accepted text; an extended key is 111 characters. Bounds the quadratic conversion.</summary>
    public const int MaxEncodedLength = 256;

    private const int ChecksumLength = 4;
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string Encode(ReadOnlySpan<byte> payload)
    {
        var data = new byte[payload.Length + ChecksumLength];
        payload.CopyTo(data);
        Checksum(payload).CopyTo(data.AsSpan(payload.Length));

        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        // Repeated division of the big-endian number by 58; digits come out least significant first.
        var number = data[zeros..];
        var digits = new List<char>(data.Length * 138 / 100 + 1);
        var start = 0;
        while (start < number.Length)
        {
            var remainder = 0;
            for (var i = start; i < number.Length; i++)
            {
                var value = (remainder << 8) | number[i];
                number[i] = (byte)(value / 58);
                remainder = value % 58;
            }

            digits.Add(Alphabet[remainder]);
            while (start < number.Length && number[start] == 0)
            {
                start++;
            }
        }

        digits.AddRange(Enumerable.Repeat('1', zeros));
        digits.Reverse();
        return new string(digits.ToArray());
    }

    /// <summary>The payload without its checksum.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text.Length > MaxEncodedLength)
        {
            throw new FormatException($"Base58Check text must be 1 to {MaxEncodedLength} characters");
        }

        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1')
        {
            zeros++;
        }

        // Multiply-and-add into a big-endian byte buffer large enough for any text of this length.
        var buffer = new byte[(text.Length * 733 / 1000) + 1];
        var used = 0;
        for (var k = zeros; k < text.Length; k++)
        {
            var digit = text[k] < 128 ? Alphabet.IndexOf(text[k], StringComparison.Ordinal) : -1;
            if (digit < 0)
            {
                throw new FormatException($"'{text[k]}' at position {k} is not a Base58 character");
            }

            var carry = digit;
            var i = 0;
            for (var b = buffer.Length - 1; b >= 0 && (carry != 0 || i < used); b--, i++)
            {
                carry += 58 * buffer[b];
                buffer[b] = (byte)carry;
                carry >>= 8;
            }

            used = i;
        }

        var data = new byte[zeros + used];
        buffer.AsSpan(buffer.Length - used).CopyTo(data.AsSpan(zeros));
        if (data.Length < ChecksumLength)
        {
            throw new FormatException("Base58Check data is shorter than its checksum");
        }

        var payload = data[..^ChecksumLength];
        if (!CryptographicOperations.FixedTimeEquals(Checksum(payload), data.AsSpan(data.Length - ChecksumLength)))
        {
            throw new FormatException("Base58Check checksum mismatch (mistyped or truncated text)");
        }

        return payload;
    }

    private static byte[] Checksum(ReadOnlySpan<byte> payload) => SHA256.HashData(SHA256.HashData(payload))[..ChecksumLength];
}
