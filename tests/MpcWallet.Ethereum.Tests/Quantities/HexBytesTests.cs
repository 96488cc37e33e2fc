using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Tests.Quantities;

public sealed class HexBytesTests
{
    [Theory]
    [InlineData("0x", "")]
    [InlineData("0x00", "00")]
    [InlineData("0xDeadBEEF", "deadbeef")]
    public void Valid_data_parses(string text, string expectedHex) =>
        Assert.Equal(expectedHex, Convert.ToHexStringLower(HexBytes.Parse(text)));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0x0")] // odd digit count
    [InlineData("deadbeef")]
    [InlineData("0Xdeadbeef")]
    [InlineData("0xzz")]
    public void Invalid_data_is_rejected(string text) => Assert.Throws<FormatException>(() => HexBytes.Parse(text));

    [Fact]
    public void Output_is_lowercase_with_prefix_and_empty_data_is_0x()
    {
        Assert.Equal("0x", HexBytes.ToHex([]));
        Assert.Equal("0x00ff", HexBytes.ToHex([0x00, 0xff]));
        Assert.Throws<FormatException>(() => HexBytes.ParseFixed("0x00", 2));
    }
}
