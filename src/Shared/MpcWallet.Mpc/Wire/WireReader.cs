using System.Buffers.Binary;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Wire;

/// <summary>
/// Strict decoder over untrusted bytes: every read is bounds-checked, lengths are limited by the caller, points and
/// scalars are validated, and trailing bytes are an error. Any failure is a <see cref="MpcDecodeException"/>.
/// </summary>
public ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;

    public WireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _offset = 0;
    }

    public readonly int Remaining => _data.Length - _offset;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    /// <summary>Reads a u32 count and checks it against an inclusive range before anything is allocated.</summary>
    public int ReadCount(int min, int max, string what)
    {
        var value = ReadUInt32();
        if (value < (uint)min || value > (uint)max)
        {
            throw new MpcDecodeException($"{what}: count {value} outside [{min}, {max}]");
        }

        return (int)value;
    }

    public ReadOnlySpan<byte> ReadFixed(int length) => Take(length);

    public ReadOnlySpan<byte> ReadVariable(int maxLength, string what)
    {
        var length = ReadUInt32();
        if (length > (uint)maxLength)
        {
            throw new MpcDecodeException($"{what}: length {length} exceeds {maxLength}");
        }

        return Take((int)length);
    }

    public Point ReadPoint() =>
        Point.TryDecode(Take(Point.EncodedLength), out var point)
            ? point
            : throw new MpcDecodeException("invalid point encoding");

    /// <summary>Reads points.Length consecutive points (square roots taken in batches).</summary>
    public void ReadPoints(Span<Point> points)
    {
        if (!Point.TryDecodeBatch(Take(points.Length * Point.EncodedLength), points))
        {
            throw new MpcDecodeException("invalid point encoding");
        }
    }

    public Scalar ReadScalar() =>
        Scalar.TryFromCanonical(Take(Scalar.EncodedLength), out var scalar)
            ? scalar
            : throw new MpcDecodeException("scalar not below the group order");

    public Scalar ReadNonZeroScalar()
    {
        var scalar = ReadScalar();
        return scalar.IsZero ? throw new MpcDecodeException("scalar must not be zero") : scalar;
    }

    public readonly void EnsureEnd()
    {
        if (_offset != _data.Length)
        {
            throw new MpcDecodeException($"{_data.Length - _offset} trailing bytes");
        }
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > _data.Length - _offset)
        {
            throw new MpcDecodeException("input truncated");
        }

        var slice = _data.Slice(_offset, length);
        _offset += length;
        return slice;
    }
}
