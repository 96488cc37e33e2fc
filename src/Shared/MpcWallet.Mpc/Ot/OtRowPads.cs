using System.Buffers.Binary;
using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Hashing;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// Hashes extension rows into pads of <see cref="Width"/> scalars: pad(l, row) = the three 48-byte blocks of
/// SHAKE256(H(tag, sid) ‖ l ‖ row), each reduced mod q. The receiver hashes t_l; the sender hashes q_l and q_l ⊕ Δ,
/// one of which equals t_l. Binding sid and l keeps pads of different rows and sessions independent.
/// </summary>
internal static class OtRowPads
{
    /// <summary>ℓ + 1 = 3: two RVOLE inputs and the check element.</summary>
    public const int Width = 3;
    private const int BytesPerScalar = WideScalarReduction.InputLength;
    private const int InputLength = 32 + 4 + (OtExtensionRows.WordsPerRow * 8);
    private const int OutputLength = Width * BytesPerScalar;

    public static byte[] Prefix(ReadOnlySpan<byte> sessionId) => OtExtension.SessionPrefix(HashTags.OtExtensionRowPad, sessionId);

    /// <summary>Receiver pads for rows [0, count): pads[l·3 + k].</summary>
    public static void Receiver(byte[] prefix, OtExtensionRows rows, int count, Scalar[] pads)
    {
        RequireSizes(prefix, count, pads.Length);
        ParallelRanges.For(count, (start, end) =>
        {
            var length = end - start;
            var inputs = new byte[length * InputLength];
            var outputs = new byte[length * OutputLength];
            try
            {
                for (var l = start; l < end; l++)
                {
                    WriteInput(inputs.AsSpan((l - start) * InputLength, InputLength), prefix, l, rows.Row(l), 0, 0, 0, 0);
                }

                Shake256x4.HashMany(inputs, InputLength, outputs, OutputLength);
                for (var l = start; l < end; l++)
                {
                    Reduce(outputs.AsSpan((l - start) * OutputLength, OutputLength), pads.AsSpan(l * Width, Width));
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(inputs);
                CryptographicOperations.ZeroMemory(outputs);
            }
        });
    }

    /// <summary>Sender pads for rows [0, count): pads0 from q_l, pads1 from q_l ⊕ Δ.</summary>
    public static void Sender(byte[] prefix, OtExtensionRows rows, byte[] delta, int count, Scalar[] pads0, Scalar[] pads1)
    {
        RequireSizes(prefix, count, pads0.Length);
        RequireSizes(prefix, count, pads1.Length);
        ParallelRanges.For(count, (start, end) =>
        {
            var length = end - start;
            // Inputs 2(l − start) and 2(l − start) + 1 are q_l and q_l ⊕ Δ.
            var inputs = new byte[2 * length * InputLength];
            var outputs = new byte[2 * length * OutputLength];
            var d0 = BinaryPrimitives.ReadUInt64LittleEndian(delta);
            var d1 = BinaryPrimitives.ReadUInt64LittleEndian(delta.AsSpan(8));
            var d2 = BinaryPrimitives.ReadUInt64LittleEndian(delta.AsSpan(16));
            var d3 = BinaryPrimitives.ReadUInt64LittleEndian(delta.AsSpan(24));
            try
            {
                for (var l = start; l < end; l++)
                {
                    var row = rows.Row(l);
                    var k = 2 * (l - start);
                    WriteInput(inputs.AsSpan(k * InputLength, InputLength), prefix, l, row, 0, 0, 0, 0);
                    WriteInput(inputs.AsSpan((k + 1) * InputLength, InputLength), prefix, l, row, d0, d1, d2, d3);
                }

                Shake256x4.HashMany(inputs, InputLength, outputs, OutputLength);
                for (var l = start; l < end; l++)
                {
                    var k = 2 * (l - start);
                    Reduce(outputs.AsSpan(k * OutputLength, OutputLength), pads0.AsSpan(l * Width, Width));
                    Reduce(outputs.AsSpan((k + 1) * OutputLength, OutputLength), pads1.AsSpan(l * Width, Width));
                }
            }
            finally
            {
                d0 = d1 = d2 = d3 = 0;
                CryptographicOperations.ZeroMemory(inputs);
                CryptographicOperations.ZeroMemory(outputs);
            }
        });
    }

    private static void RequireSizes(byte[] prefix, int count, int padCount)
    {
        if (prefix.Length != 32 || count < 0 || count > OtParameters.ExtendedRows || padCount < count * Width)
        {
            throw new ArgumentException("row-pad buffer sizes do not match");
        }
    }

    /// <summary>H(tag, sid) ‖ l ‖ (row ⊕ x), the row as four little-endian words.</summary>
    private static void WriteInput(Span<byte> input, ReadOnlySpan<byte> prefix, int l, ReadOnlySpan<ulong> row, ulong x0, ulong x1, ulong x2, ulong x3)
    {
        prefix.CopyTo(input);
        BinaryPrimitives.WriteInt32BigEndian(input[32..], l);
        BinaryPrimitives.WriteUInt64LittleEndian(input[36..], row[0] ^ x0);
        BinaryPrimitives.WriteUInt64LittleEndian(input[44..], row[1] ^ x1);
        BinaryPrimitives.WriteUInt64LittleEndian(input[52..], row[2] ^ x2);
        BinaryPrimitives.WriteUInt64LittleEndian(input[60..], row[3] ^ x3);
    }

    private static void Reduce(ReadOnlySpan<byte> output, Span<Scalar> destination)
    {
        for (var k = 0; k < Width; k++)
        {
            destination[k] = WideScalarReduction.Reduce(output.Slice(k * BytesPerScalar, BytesPerScalar));
        }
    }
}
