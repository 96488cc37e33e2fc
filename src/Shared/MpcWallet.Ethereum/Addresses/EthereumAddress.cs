using System.Diagnostics.CodeAnalysis;
using System.Text;
using MpcWallet.Ethereum.Hashing;
using MpcWallet.Ethereum.Signatures;

namespace MpcWallet.Ethereum.Addresses;

/// <summary>
/// A 20-byte account address. Text input is "0x" + 40 hex digits in any case; mixed case must carry a correct
/// EIP-55 checksum (all-lowercase and all-uppercase carry none and are accepted). Output is EIP-55.
/// </summary>
public sealed class EthereumAddress : IEquatable<EthereumAddress>
{
    public const int Length = 20;

    private readonly byte[] _bytes;

    private EthereumAddress(byte[] bytes) => _bytes = bytes;

    /// <summary>The all-zero address (not "no address": contract creation is a null <c>To</c>).</summary>
    public static EthereumAddress Zero { get; } = new(new byte[Length]);

    public ReadOnlySpan<byte> Bytes => _bytes;

    public static EthereumAddress FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length
            ? new EthereumAddress(bytes.ToArray())
            : throw new ArgumentException($"An address has {Length} bytes, got {bytes.Length}.", nameof(bytes));

    /// <summary>
    /// The address of a secp256k1 public key: the last 20 bytes of Keccak-256 over the 64-byte X||Y. Accepts the
    /// 65-byte uncompressed (0x04) or 33-byte compressed (0x02/0x03) form; the point must be on the curve.
    /// </summary>
    public static EthereumAddress FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        var point = Secp256k1.TryDecodePublicKey(publicKey)
            ?? throw new ArgumentException("Not a valid secp256k1 public key (33-byte compressed or 65-byte uncompressed).", nameof(publicKey));
        var uncompressed = point.GetEncoded(false);
        return FromUncompressedXY(uncompressed.AsSpan(1));
    }

    internal static EthereumAddress FromUncompressedXY(ReadOnlySpan<byte> xy)
    {
        var hash = Keccak256.Hash(xy);
        return new EthereumAddress(hash[12..]);
    }

    public static EthereumAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out EthereumAddress? address) =>
        TryParse(text, out address, out _);

    private static bool TryParse(string? text, [NotNullWhen(true)] out EthereumAddress? address, out string error)
    {
        address = null;
        if (text is null || text.Length != 2 + (2 * Length) || text[0] != '0' || text[1] != 'x')
        {
            error = "An address is 0x followed by 40 hex digits.";
            return false;
        }

        var digits = text.AsSpan(2);
        bool hasLower = false, hasUpper = false;
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                error = "An address is 0x followed by 40 hex digits.";
                return false;
            }

            hasLower |= char.IsAsciiLetterLower(c);
            hasUpper |= char.IsAsciiLetterUpper(c);
        }

        var candidate = new EthereumAddress(Convert.FromHexString(digits));
        if (hasLower && hasUpper && !digits.SequenceEqual(candidate.ToChecksumString().AsSpan(2)))
        {
            error = "The mixed-case address has a wrong EIP-55 checksum.";
            return false;
        }

        address = candidate;
        error = string.Empty;
        return true;
    }

    /// <summary>EIP-55: a hex letter is uppercase when the matching nibble of keccak256(lowercase hex) is ≥ 8.</summary>
    public string ToChecksumString()
    {
        var lower = Convert.ToHexStringLower(_bytes);
        var hash = Keccak256.Hash(Encoding.ASCII.GetBytes(lower));
        var output = new StringBuilder("0x", 2 + lower.Length);
        for (var i = 0; i < lower.Length; i++)
        {
            var nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0x0f;
            output.Append(nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i]);
        }

        return output.ToString();
    }

    public string ToLowerHex() => "0x" + Convert.ToHexStringLower(_bytes);

    public byte[] ToArray() => (byte[])_bytes.Clone();

    public override string ToString() => ToChecksumString();

    public bool Equals(EthereumAddress? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as EthereumAddress);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 16);

    public static bool operator ==(EthereumAddress? left, EthereumAddress? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(EthereumAddress? left, EthereumAddress? right) => !(left == right);
}
