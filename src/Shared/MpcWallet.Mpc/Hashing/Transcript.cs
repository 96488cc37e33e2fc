using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Hashing;

/// <summary>
/// Domain-separated, unambiguous hashing: SHA-256 over (tag, then every field as 4-byte length ‖ bytes, then the
/// field count). Every random oracle of the engine is one instance of this with its own tag from <see cref="HashTags"/>,
/// so no two tuples — and no two purposes — can hash alike.
/// </summary>
public sealed class Transcript : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _fields;
    private bool _finished;

    public Transcript(string tag)
    {
        Append(Encoding.ASCII.GetBytes(tag));
    }

    public Transcript Append(ReadOnlySpan<byte> field)
    {
        EnsureOpen();
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)field.Length);
        _hash.AppendData(length);
        _hash.AppendData(field);
        _fields++;
        return this;
    }

    public Transcript Append(int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return Append(bytes);
    }

    public Transcript Append(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return Append(bytes);
    }

    public Transcript Append(string value) => Append(Encoding.UTF8.GetBytes(value));

    public Transcript Append(Point point)
    {
        Span<byte> bytes = stackalloc byte[Point.EncodedLength];
        point.WriteTo(bytes);
        return Append(bytes);
    }

    public Transcript Append(Scalar scalar)
    {
        Span<byte> bytes = stackalloc byte[Scalar.EncodedLength];
        scalar.WriteTo(bytes);
        Append(bytes);
        CryptographicOperations.ZeroMemory(bytes);
        return this;
    }

    /// <summary>The 32-byte digest; the transcript cannot be used afterwards.</summary>
    public byte[] Finish()
    {
        EnsureOpen();
        Span<byte> count = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(count, (uint)_fields);
        _hash.AppendData(count);
        _finished = true;
        return _hash.GetHashAndReset();
    }

    /// <summary>
    /// A scalar from 64 bytes of output (two counter-mode expansions of the digest) reduced mod q, so the bias is
    /// about 2^-256 instead of the 2^-128 of reducing 32 bytes.
    /// </summary>
    public Scalar FinishScalar()
    {
        var digest = Finish();
        Span<byte> wide = stackalloc byte[64];
        Expand(digest, wide);
        var scalar = Scalar.FromBytesReduced(wide);
        CryptographicOperations.ZeroMemory(wide);
        CryptographicOperations.ZeroMemory(digest);
        return scalar;
    }

    /// <summary>Counter-mode expansion of a digest into any number of bytes: SHA-256(digest ‖ counter).</summary>
    public static void Expand(ReadOnlySpan<byte> digest, Span<byte> output)
    {
        Span<byte> block = stackalloc byte[36];
        Span<byte> hash = stackalloc byte[32];
        digest[..32].CopyTo(block);
        var counter = 0u;
        for (var offset = 0; offset < output.Length; offset += 32)
        {
            BinaryPrimitives.WriteUInt32BigEndian(block[32..], counter++);
            SHA256.HashData(block, hash);
            var take = Math.Min(32, output.Length - offset);
            hash[..take].CopyTo(output[offset..]);
        }

        CryptographicOperations.ZeroMemory(block);
        CryptographicOperations.ZeroMemory(hash);
    }

    public void Dispose() => _hash.Dispose();

    private void EnsureOpen()
    {
        if (_finished)
        {
            throw new InvalidOperationException("transcript already finished");
        }
    }
}
