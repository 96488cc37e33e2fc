using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace MpcWallet.Ethereum.Quantities;

/// <summary>
/// An unsigned 256-bit integer (wei amounts, fees, chain values). Backed by a range-checked
/// <see cref="BigInteger"/>: every way in refuses negatives and values ≥ 2^256, and arithmetic is checked.
/// Text forms: decimal (<see cref="Parse"/>) and the JSON-RPC QUANTITY "0x…" (<see cref="ParseQuantity"/>).
/// </summary>
public readonly struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>, IComparable
{
    public const int ByteLength = 32;

    private static readonly BigInteger Limit = BigInteger.One << 256;

    private readonly BigInteger _value;

    private UInt256(BigInteger value) => _value = value;

    public static UInt256 Zero => default;

    public static UInt256 One => new(BigInteger.One);

    public static UInt256 MaxValue { get; } = new(Limit - 1);

    public bool IsZero => _value.IsZero;

    public static UInt256 FromBigInteger(BigInteger value) =>
        IsInRange(value) ? new UInt256(value) : throw new OverflowException("The value is outside [0, 2^256).");

    public static bool TryFromBigInteger(BigInteger value, out UInt256 result)
    {
        result = IsInRange(value) ? new UInt256(value) : default;
        return IsInRange(value);
    }

    /// <summary>Big-endian unsigned bytes; up to 32 bytes, leading zeros allowed (callers that need canonical form check it).</summary>
    public static UInt256 FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > ByteLength)
        {
            throw new OverflowException("More than 32 bytes cannot be a 256-bit value.");
        }

        return new UInt256(new BigInteger(bytes, isUnsigned: true, isBigEndian: true));
    }

    public BigInteger ToBigInteger() => _value;

    /// <summary>Minimal big-endian bytes (no leading zeros; zero is the empty array) — the RLP integer form.</summary>
    public byte[] ToBigEndianMinimal() => _value.IsZero ? [] : _value.ToByteArray(isUnsigned: true, isBigEndian: true);

    /// <summary>32-byte big-endian, left-padded with zeros.</summary>
    public byte[] ToBigEndian32()
    {
        var output = new byte[ByteLength];
        var minimal = ToBigEndianMinimal();
        minimal.CopyTo(output, ByteLength - minimal.Length);
        return output;
    }

    public static UInt256 Parse(string decimalText) =>
        TryParse(decimalText, out var value)
            ? value
            : throw new FormatException("Expected a decimal integer in [0, 2^256) without sign, spaces or leading zeros.");

    /// <summary>Strict decimal: ASCII digits only, no sign or whitespace, no leading zeros (except "0" itself).</summary>
    public static bool TryParse([NotNullWhen(true)] string? decimalText, out UInt256 value)
    {
        value = default;
        if (string.IsNullOrEmpty(decimalText) || decimalText.Length > 78 || (decimalText.Length > 1 && decimalText[0] == '0'))
        {
            return false;
        }

        foreach (var c in decimalText)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var parsed = BigInteger.Parse(decimalText, NumberStyles.None, CultureInfo.InvariantCulture);
        return TryFromBigInteger(parsed, out value);
    }

    public static UInt256 ParseQuantity(string quantity) =>
        TryParseQuantity(quantity, out var value)
            ? value
            : throw new FormatException("Expected a JSON-RPC QUANTITY: 0x followed by 1-64 hex digits, no leading zeros (zero is 0x0).");

    /// <summary>
    /// Strict QUANTITY: lowercase "0x" prefix, at least one digit, no leading zeros ("0x0" is zero; "0x", "0x00",
    /// "0x0400" and "ff" are invalid), at most 64 digits.
    /// </summary>
    public static bool TryParseQuantity([NotNullWhen(true)] string? quantity, out UInt256 value)
    {
        value = default;
        if (quantity is null || quantity.Length < 3 || quantity.Length > 66 || quantity[0] != '0' || quantity[1] != 'x')
        {
            return false;
        }

        var digits = quantity.AsSpan(2);
        if (digits.Length > 1 && digits[0] == '0')
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        // A leading "0" keeps BigInteger from reading the top bit as a sign.
        value = new UInt256(BigInteger.Parse("0" + digits.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return true;
    }

    public string ToQuantityString() => _value.IsZero ? "0x0" : "0x" + Convert.ToHexStringLower(ToBigEndianMinimal()).TrimStart('0');

    public override string ToString() => _value.ToString(CultureInfo.InvariantCulture);

    public bool Equals(UInt256 other) => _value.Equals(other._value);

    public override bool Equals(object? obj) => obj is UInt256 other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    public int CompareTo(UInt256 other) => _value.CompareTo(other._value);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        UInt256 other => CompareTo(other),
        _ => throw new ArgumentException("Not a UInt256.", nameof(obj)),
    };

    public static implicit operator UInt256(ulong value) => new(value);

    public static explicit operator UInt256(BigInteger value) => FromBigInteger(value);

    public static implicit operator BigInteger(UInt256 value) => value._value;

    public static explicit operator ulong(UInt256 value) =>
        value._value <= ulong.MaxValue ? (ulong)value._value : throw new OverflowException("The value does not fit in 64 bits.");

    public static UInt256 operator +(UInt256 left, UInt256 right) => FromBigInteger(left._value + right._value);

    public static UInt256 operator -(UInt256 left, UInt256 right) => FromBigInteger(left._value - right._value);

    public static UInt256 operator *(UInt256 left, UInt256 right) => FromBigInteger(left._value * right._value);

    public static UInt256 operator /(UInt256 left, UInt256 right) => new(BigInteger.Divide(left._value, right._value));

    public static bool operator ==(UInt256 left, UInt256 right) => left.Equals(right);

    public static bool operator !=(UInt256 left, UInt256 right) => !left.Equals(right);

    public static bool operator <(UInt256 left, UInt256 right) => left._value < right._value;

    public static bool operator >(UInt256 left, UInt256 right) => left._value > right._value;

    public static bool operator <=(UInt256 left, UInt256 right) => left._value <= right._value;

    public static bool operator >=(UInt256 left, UInt256 right) => left._value >= right._value;

    public UInt256 Add(UInt256 other) => this + other;

    public UInt256 Subtract(UInt256 other) => this - other;

    public UInt256 Multiply(UInt256 other) => this * other;

    public UInt256 Divide(UInt256 other) => this / other;

    public static UInt256 FromUInt64(ulong value) => value;

    public ulong ToUInt64() => (ulong)this;

    private static bool IsInRange(BigInteger value) => value.Sign >= 0 && value < Limit;
}
