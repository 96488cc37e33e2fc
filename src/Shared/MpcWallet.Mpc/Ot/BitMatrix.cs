namespace MpcWallet.Mpc.Ot;

/// <summary>
/// Bit-matrix transpose between the extension's column form (κ = 256 columns of L bits, what the PRG produces and u
/// corrects) and its row form (L rows of 256 bits, what is hashed into pads). Bit order is LSB-first everywhere:
/// bit k of a vector is bit (k % 64) of word k / 64.
/// </summary>
internal static class BitMatrix
{
    /// <summary>
    /// columns: <paramref name="columnCount"/> vectors of <paramref name="rowWords"/> words each (column-major);
    /// rows: rowWords·64 vectors of columnCount / 64 words each (row-major). Both counts are multiples of 64.
    /// </summary>
    public static void Transpose(ReadOnlySpan<ulong> columns, int columnCount, int rowWords, Span<ulong> rows)
    {
        if (columnCount % 64 != 0 || columns.Length != columnCount * rowWords || rows.Length != columns.Length)
        {
            throw new ArgumentException("matrix dimensions do not match");
        }

        var columnWords = columnCount / 64;
        Span<ulong> block = stackalloc ulong[64];
        for (var cb = 0; cb < columnWords; cb++)
        {
            for (var rb = 0; rb < rowWords; rb++)
            {
                for (var k = 0; k < 64; k++)
                {
                    block[k] = columns[((cb * 64) + k) * rowWords + rb];
                }

                Transpose64(block);
                for (var k = 0; k < 64; k++)
                {
                    rows[((rb * 64) + k) * columnWords + cb] = block[k];
                }
            }
        }

        block.Clear();
    }

    /// <summary>In-place transpose of a 64×64 bit matrix (word k = row k, bit i = column i) by recursive block swaps.</summary>
    internal static void Transpose64(Span<ulong> a)
    {
        var mask = 0x00000000FFFFFFFFUL;
        for (var j = 32; j != 0; j >>= 1, mask ^= mask << j)
        {
            for (var k = 0; k < 64; k = ((k | j) + 1) & ~j)
            {
                var t = ((a[k] >> j) ^ a[k | j]) & mask;
                a[k] ^= t << j;
                a[k | j] ^= t;
            }
        }
    }
}
