using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// SHAKE256 (FIPS 202) of many equal-length inputs, four at a time in the 64-bit lanes of AVX2 vectors. The OT layer
/// hashes thousands of independent short inputs per multiplication (column PRGs, row pads); a platform call per input
/// costs more in call overhead than in Keccak, and four lanes share every instruction. Bit for bit the same function as
/// <see cref="Shake256Xof"/> (tests compare them on random inputs of every length around the block boundaries); when
/// <see cref="VectorPaths.Enabled"/> is false every input goes through <see cref="Shake256Xof"/>.
/// <para>Keccak-f[1600] has no data-dependent branch or memory access, so the lanes may carry secrets (seeds, rows).
/// The rotation offsets of FIPS 202 §3.2.2 are written into the unrolled round; the round constants are generated at
/// start-up by FIPS 202 Algorithms 5 and 6.</para>
/// </summary>
internal static class Shake256x4
{
    private const int Rate = 136;
    private const int RateWords = Rate / 8;

    private static readonly ulong[] RoundConstants = BuildRoundConstants();

    /// <summary>
    /// outputs[i] = SHAKE256(inputs[i]) for count = inputs.Length / inputLength inputs, each output
    /// <paramref name="outputLength"/> bytes, stored one after another.
    /// </summary>
    public static void HashMany(ReadOnlySpan<byte> inputs, int inputLength, Span<byte> outputs, int outputLength)
    {
        if (inputLength < 0 || outputLength <= 0 || (inputLength == 0 ? inputs.Length != 0 : inputs.Length % inputLength != 0))
        {
            throw new ArgumentException("inputs must be whole inputs of one length and outputs must be non-empty");
        }

        var count = inputLength == 0 ? outputs.Length / outputLength : inputs.Length / inputLength;
        if (outputs.Length != count * outputLength)
        {
            throw new ArgumentException("need one output per input", nameof(outputs));
        }

        var i = 0;
        if (VectorPaths.Enabled)
        {
            for (; i + 4 <= count; i += 4)
            {
                Hash4(
                    inputs.Slice(i * inputLength, 4 * inputLength), inputLength,
                    outputs.Slice(i * outputLength, 4 * outputLength), outputLength);
            }
        }

        for (; i < count; i++)
        {
            Shake256Xof.Hash(inputs.Slice(i * inputLength, inputLength), outputs.Slice(i * outputLength, outputLength));
        }
    }

    /// <summary>Four inputs laid out one after another, four outputs likewise.</summary>
    private static void Hash4(ReadOnlySpan<byte> inputs, int inputLength, Span<byte> outputs, int outputLength)
    {
        var state = default(State);
        Span<byte> last = stackalloc byte[4 * Rate];

        // Absorb every full block straight from the inputs, then the padded final block (SHAKE suffix 1111, pad10*1).
        var offset = 0;
        for (; offset + Rate <= inputLength; offset += Rate)
        {
            Absorb(ref state, inputs, inputLength, offset);
            Permute(ref state);
        }

        var tail = inputLength - offset;
        last.Clear();
        for (var lane = 0; lane < 4; lane++)
        {
            var block = last.Slice(lane * Rate, Rate);
            inputs.Slice((lane * inputLength) + offset, tail).CopyTo(block);
            block[tail] ^= 0x1F;
            block[Rate - 1] ^= 0x80;
        }

        Absorb(ref state, last, Rate, 0);
        Permute(ref state);

        // Squeeze.
        Span<ulong> words = stackalloc ulong[4];
        Span<byte> partial = stackalloc byte[8];
        for (var produced = 0; ;)
        {
            var give = Math.Min(Rate, outputLength - produced);
            for (var w = 0; w * 8 < give; w++)
            {
                state[w].CopyTo(words);
                var bytes = Math.Min(8, give - (w * 8));
                for (var lane = 0; lane < 4; lane++)
                {
                    var destination = outputs.Slice((lane * outputLength) + produced + (w * 8), bytes);
                    if (bytes == 8)
                    {
                        BinaryPrimitives.WriteUInt64LittleEndian(destination, words[lane]);
                    }
                    else
                    {
                        BinaryPrimitives.WriteUInt64LittleEndian(partial, words[lane]);
                        partial[..bytes].CopyTo(destination);
                    }
                }
            }

            produced += give;
            if (produced == outputLength)
            {
                break;
            }

            Permute(ref state);
        }

        ((Span<Vector256<ulong>>)state).Clear();
        words.Clear();
        partial.Clear();
        CryptographicOperations.ZeroMemory(last);
    }

    /// <summary>XORs one rate block of each lane (lane i's block at i·stride + offset) into the state.</summary>
    private static void Absorb(ref State state, ReadOnlySpan<byte> source, int stride, int offset)
    {
        var s0 = source.Slice(offset, Rate);
        var s1 = source.Slice(stride + offset, Rate);
        var s2 = source.Slice((2 * stride) + offset, Rate);
        var s3 = source.Slice((3 * stride) + offset, Rate);
        for (var w = 0; w < RateWords; w++)
        {
            state[w] ^= Vector256.Create(
                BinaryPrimitives.ReadUInt64LittleEndian(s0[(8 * w)..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s1[(8 * w)..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s2[(8 * w)..]),
                BinaryPrimitives.ReadUInt64LittleEndian(s3[(8 * w)..]));
        }
    }

    /// <summary>
    /// Keccak-f[1600], 24 rounds of θ, ρ, π, χ, ι on the lanes A[x + 5y], held in locals for the whole permutation
    /// (a loop over an array of lanes with offsets from a table ran slower than the platform's one-lane Keccak).
    /// </summary>
    private static void Permute(ref State state)
    {
        Vector256<ulong> a0 = state[0], a1 = state[1], a2 = state[2], a3 = state[3], a4 = state[4];
        Vector256<ulong> a5 = state[5], a6 = state[6], a7 = state[7], a8 = state[8], a9 = state[9];
        Vector256<ulong> a10 = state[10], a11 = state[11], a12 = state[12], a13 = state[13], a14 = state[14];
        Vector256<ulong> a15 = state[15], a16 = state[16], a17 = state[17], a18 = state[18], a19 = state[19];
        Vector256<ulong> a20 = state[20], a21 = state[21], a22 = state[22], a23 = state[23], a24 = state[24];
        for (var round = 0; round < 24; round++)
        {
            // θ
            var c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
            var c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
            var c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
            var c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
            var c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
            var d0 = c4 ^ Rotate(c1, 1);
            var d1 = c0 ^ Rotate(c2, 1);
            var d2 = c1 ^ Rotate(c3, 1);
            var d3 = c2 ^ Rotate(c4, 1);
            var d4 = c3 ^ Rotate(c0, 1);
            // ρ and π: B[y, 2x + 3y] = rot(A[x, y] ⊕ D[x], r[x, y])
            var b0 = a0 ^ d0;
            var b16 = Rotate(a5 ^ d0, 36);
            var b7 = Rotate(a10 ^ d0, 3);
            var b23 = Rotate(a15 ^ d0, 41);
            var b14 = Rotate(a20 ^ d0, 18);
            var b10 = Rotate(a1 ^ d1, 1);
            var b1 = Rotate(a6 ^ d1, 44);
            var b17 = Rotate(a11 ^ d1, 10);
            var b8 = Rotate(a16 ^ d1, 45);
            var b24 = Rotate(a21 ^ d1, 2);
            var b20 = Rotate(a2 ^ d2, 62);
            var b11 = Rotate(a7 ^ d2, 6);
            var b2 = Rotate(a12 ^ d2, 43);
            var b18 = Rotate(a17 ^ d2, 15);
            var b9 = Rotate(a22 ^ d2, 61);
            var b5 = Rotate(a3 ^ d3, 28);
            var b21 = Rotate(a8 ^ d3, 55);
            var b12 = Rotate(a13 ^ d3, 25);
            var b3 = Rotate(a18 ^ d3, 21);
            var b19 = Rotate(a23 ^ d3, 56);
            var b15 = Rotate(a4 ^ d4, 27);
            var b6 = Rotate(a9 ^ d4, 20);
            var b22 = Rotate(a14 ^ d4, 39);
            var b13 = Rotate(a19 ^ d4, 8);
            var b4 = Rotate(a24 ^ d4, 14);
            // χ, and ι on lane 0
            a0 = b0 ^ Vector256.AndNot(b2, b1);
            a1 = b1 ^ Vector256.AndNot(b3, b2);
            a2 = b2 ^ Vector256.AndNot(b4, b3);
            a3 = b3 ^ Vector256.AndNot(b0, b4);
            a4 = b4 ^ Vector256.AndNot(b1, b0);
            a5 = b5 ^ Vector256.AndNot(b7, b6);
            a6 = b6 ^ Vector256.AndNot(b8, b7);
            a7 = b7 ^ Vector256.AndNot(b9, b8);
            a8 = b8 ^ Vector256.AndNot(b5, b9);
            a9 = b9 ^ Vector256.AndNot(b6, b5);
            a10 = b10 ^ Vector256.AndNot(b12, b11);
            a11 = b11 ^ Vector256.AndNot(b13, b12);
            a12 = b12 ^ Vector256.AndNot(b14, b13);
            a13 = b13 ^ Vector256.AndNot(b10, b14);
            a14 = b14 ^ Vector256.AndNot(b11, b10);
            a15 = b15 ^ Vector256.AndNot(b17, b16);
            a16 = b16 ^ Vector256.AndNot(b18, b17);
            a17 = b17 ^ Vector256.AndNot(b19, b18);
            a18 = b18 ^ Vector256.AndNot(b15, b19);
            a19 = b19 ^ Vector256.AndNot(b16, b15);
            a20 = b20 ^ Vector256.AndNot(b22, b21);
            a21 = b21 ^ Vector256.AndNot(b23, b22);
            a22 = b22 ^ Vector256.AndNot(b24, b23);
            a23 = b23 ^ Vector256.AndNot(b20, b24);
            a24 = b24 ^ Vector256.AndNot(b21, b20);
            a0 ^= Vector256.Create(RoundConstants[round]);
        }

        state[0] = a0; state[1] = a1; state[2] = a2; state[3] = a3; state[4] = a4;
        state[5] = a5; state[6] = a6; state[7] = a7; state[8] = a8; state[9] = a9;
        state[10] = a10; state[11] = a11; state[12] = a12; state[13] = a13; state[14] = a14;
        state[15] = a15; state[16] = a16; state[17] = a17; state[18] = a18; state[19] = a19;
        state[20] = a20; state[21] = a21; state[22] = a22; state[23] = a23; state[24] = a24;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Rotate(Vector256<ulong> v, [ConstantExpected(Min = 1, Max = 63)] int n) => (v << n) | (v >>> (64 - n));

    /// <summary>RC[i] by FIPS 202 Algorithms 5 and 6: bit 2^j − 1 of RC[i] is rc(j + 7i).</summary>
    private static ulong[] BuildRoundConstants()
    {
        var constants = new ulong[24];
        for (var i = 0; i < 24; i++)
        {
            for (var j = 0; j <= 6; j++)
            {
                if (Rc(j + (7 * i)))
                {
                    constants[i] |= 1UL << ((1 << j) - 1);
                }
            }
        }

        return constants;
    }

    /// <summary>rc(t): the output bit of the LFSR x^8 + x^6 + x^5 + x^4 + 1 after t mod 255 steps.</summary>
    private static bool Rc(int t)
    {
        var r = 1;
        for (var i = 1; i <= t % 255; i++)
        {
            // R = 0 ‖ R; R[0] ^= R[8]; R[4] ^= R[8]; R[5] ^= R[8]; R[6] ^= R[8]; R = Trunc8(R). Bit k of r is R[k].
            r <<= 1;
            if ((r & 0x100) != 0)
            {
                r ^= 0x171;
            }
        }

        return (r & 1) == 1;
    }

    /// <summary>The 25 lanes of four Keccak states.</summary>
    [InlineArray(25)]
    private struct State
    {
        private Vector256<ulong> _lane;
    }
}
