using MpcWallet.Mpc.Ot;

namespace MpcWallet.Mpc.Tests.Ot;

public sealed class BitMatrixTests
{
    [Theory]
    [InlineData(256, 10)]
    [InlineData(64, 1)]
    [InlineData(128, 3)]
    public void Transpose_matches_a_naive_bitwise_transpose(int columnCount, int rowWords)
    {
        var random = new Random(columnCount + rowWords);
        var columns = new ulong[columnCount * rowWords];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
        }

        var rows = new ulong[columns.Length];
        BitMatrix.Transpose(columns, columnCount, rowWords, rows);
        var rowCount = rowWords * 64;
        var columnWords = columnCount / 64;
        for (var column = 0; column < columnCount; column++)
        {
            for (var row = 0; row < rowCount; row++)
            {
                var inColumn = (columns[(column * rowWords) + (row / 64)] >> (row % 64)) & 1;
                var inRow = (rows[(row * columnWords) + (column / 64)] >> (column % 64)) & 1;
                Assert.Equal(inColumn, inRow);
            }
        }
    }

    [Fact]
    public void Transpose64_is_an_involution_and_moves_single_bits()
    {
        var block = new ulong[64];
        block[3] = 1UL << 17;
        BitMatrix.Transpose64(block);
        Assert.Equal(1UL << 3, block[17]);
        Assert.Equal(1, block.Count(w => w != 0));

        var random = new Random(5);
        var original = Enumerable.Range(0, 64).Select(_ => (ulong)random.NextInt64()).ToArray();
        var copy = (ulong[])original.Clone();
        BitMatrix.Transpose64(copy);
        Assert.NotEqual(original, copy);
        BitMatrix.Transpose64(copy);
        Assert.Equal(original, copy);
    }

    [Fact]
    public void Transpose_rejects_mismatched_dimensions()
    {
        Assert.Throws<ArgumentException>(() => BitMatrix.Transpose(new ulong[640], 256, 10, new ulong[640]));
        Assert.Throws<ArgumentException>(() => BitMatrix.Transpose(new ulong[2560], 250, 10, new ulong[2560]));
    }
}
