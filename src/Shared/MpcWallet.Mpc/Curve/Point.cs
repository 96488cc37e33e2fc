using Org.BouncyCastle.Math.EC;

namespace MpcWallet.Mpc.Curve;

/// <summary>
/// A secp256k1 group element. Decoding is strict (33-byte compressed, on the curve, never the identity);
/// the identity can arise from arithmetic and is reported by <see cref="IsIdentity"/>, but cannot be encoded.
/// </summary>
public sealed class Point : IEquatable<Point>
{
    public const int EncodedLength = 33;

    private readonly ECPoint _value;
    private byte[]? _encoded;

    private Point(ECPoint value)
    {
        _value = value;
    }

    public static Point Generator { get; } = new(Secp256k1.G);

    public static Point Identity { get; } = new(Secp256k1.Curve.Infinity);

    public bool IsIdentity => _value.IsInfinity;

    internal ECPoint Value => _value;

    public static Point FromBouncyCastle(ECPoint value)
    {
        if (value.Curve != Secp256k1.Curve)
        {
            throw new ArgumentException("point is on another curve instance", nameof(value));
        }

        return new Point(value.IsInfinity ? value : value.Normalize());
    }

    /// <summary>k·G with BouncyCastle's comb multiplier (regular loop, constant-time table lookups).</summary>
    public static Point MultiplyGenerator(Scalar k) =>
        new(Secp256k1.GeneratorMultiplier.Multiply(Secp256k1.G, k.ToBouncyCastle()).Normalize());

    /// <summary>k·P (GLV + wNAF; variable time).</summary>
    public Point Multiply(Scalar k) => new(_value.Multiply(k.ToBouncyCastle()).Normalize());

    /// <summary>a·P + b·Q with a shared doubling chain (public scalars only: variable time).</summary>
    public static Point SumOfTwoMultiplies(Point p, Scalar a, Point q, Scalar b) =>
        new(ECAlgorithms.SumOfTwoMultiplies(p._value, a.ToBouncyCastle(), q._value, b.ToBouncyCastle()).Normalize());

    public Point Add(Point other) => new(_value.Add(other._value).Normalize());

    public Point Subtract(Point other) => new(_value.Subtract(other._value).Normalize());

    public Point Negate() => new(_value.Negate().Normalize());

    public static Point operator +(Point a, Point b) => a.Add(b);

    public static Point operator -(Point a, Point b) => a.Subtract(b);

    /// <summary>Sums many points with one final normalisation.</summary>
    public static Point Sum(IEnumerable<Point> points)
    {
        var acc = Secp256k1.Curve.Infinity;
        foreach (var point in points)
        {
            acc = acc.Add(point._value);
        }

        return new Point(acc.Normalize());
    }

    /// <summary>Affine x-coordinate as 32 big-endian bytes.</summary>
    public byte[] AffineX()
    {
        EnsureNotIdentity();
        return _value.AffineXCoord.GetEncoded();
    }

    public bool AffineYIsOdd
    {
        get
        {
            EnsureNotIdentity();
            return _value.AffineYCoord.TestBitZero();
        }
    }

    /// <summary>33-byte SEC1 compressed encoding.</summary>
    public byte[] Encode()
    {
        EnsureNotIdentity();
        _encoded ??= _value.GetEncoded(true);
        return (byte[])_encoded.Clone();
    }

    public void WriteTo(Span<byte> destination)
    {
        EnsureNotIdentity();
        _encoded ??= _value.GetEncoded(true);
        _encoded.CopyTo(destination);
    }

    /// <summary>65-byte uncompressed encoding (0x04 ‖ x ‖ y), for Ethereum addresses.</summary>
    public byte[] EncodeUncompressed()
    {
        EnsureNotIdentity();
        return _value.GetEncoded(false);
    }

    public static bool TryDecode(ReadOnlySpan<byte> encoded, out Point point)
    {
        point = Identity;
        // BouncyCastle would accept a lone 0x00 as infinity and 65-byte forms; transcripts need one canonical form.
        if (encoded.Length != EncodedLength || (encoded[0] != 0x02 && encoded[0] != 0x03))
        {
            return false;
        }

        var x = new Org.BouncyCastle.Math.BigInteger(1, encoded[1..].ToArray());
        if (x.CompareTo(Secp256k1.FieldPrime) >= 0)
        {
            return false;
        }

        try
        {
            var decoded = Secp256k1.Curve.DecodePoint(encoded.ToArray());
            if (decoded.IsInfinity || !decoded.IsValid())
            {
                return false;
            }

            point = new Point(decoded.Normalize());
            return true;
        }
        catch (ArgumentException)
        {
            // x has no square root on the curve.
            return false;
        }
    }

    public static Point Decode(ReadOnlySpan<byte> encoded) =>
        TryDecode(encoded, out var point) ? point : throw new MpcDecodeException("not a valid compressed secp256k1 point");

    public bool Equals(Point? other) => other is not null && _value.Equals(other._value);

    public override bool Equals(object? obj) => obj is Point other && Equals(other);

    public override int GetHashCode() => _value.IsInfinity ? 0 : _value.AffineXCoord.ToBigInteger().GetHashCode();

    public override string ToString() => _value.IsInfinity ? "Point(identity)" : $"Point({Convert.ToHexStringLower(Encode())})";

    private void EnsureNotIdentity()
    {
        if (_value.IsInfinity)
        {
            throw new InvalidOperationException("the identity has no encoding");
        }
    }
}
