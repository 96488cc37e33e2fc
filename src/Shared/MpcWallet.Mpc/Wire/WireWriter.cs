using System.Buffers;
using System.Buffers.Binary;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Wire;

/// <summary>Deterministic big-endian binary encoder for protocol messages and key shares.</summary>
public sealed class WireWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public WireWriter(int initialCapacity = 256)
    {
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
    }

    public int Length => _buffer.WrittenCount;

    public WireWriter WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public WireWriter WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
        return this;
    }

    public WireWriter WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    /// <summary>Raw bytes whose length the reader knows from the format.</summary>
    public WireWriter WriteFixed(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>Length-prefixed (u32) bytes.</summary>
    public WireWriter WriteVariable(ReadOnlySpan<byte> bytes)
    {
        WriteUInt32((uint)bytes.Length);
        return WriteFixed(bytes);
    }

    public WireWriter WritePoint(Point point)
    {
        point.WriteTo(_buffer.GetSpan(Point.EncodedLength));
        _buffer.Advance(Point.EncodedLength);
        return this;
    }

    public WireWriter WriteScalar(Scalar scalar)
    {
        scalar.WriteTo(_buffer.GetSpan(Scalar.EncodedLength));
        _buffer.Advance(Scalar.EncodedLength);
        return this;
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>Copies out and wipes the internal buffer (for encodings that contain secrets).</summary>
    public byte[] ToArrayAndClear()
    {
        var result = _buffer.WrittenSpan.ToArray();
        _buffer.Clear();
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(_buffer.GetSpan(result.Length)[..result.Length]);
        return result;
    }
}
