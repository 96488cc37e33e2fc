using System.Numerics;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Tests.Quantities;

public sealed class UInt256Tests
{
    [Theory]
    [InlineData("0x0", "0")]
    [InlineData("0x1", "1")]
    [InlineData("0x400", "1024")]
    [InlineData("0x3b9aca00", "1000000000")]
    [InlineData("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "115792089237316195423570985008687907853269984665640564039457584007913129639935")]
    public void Quantity_and_decimal_forms_agree(string quantity, string decimalText)
    {
        var fromQuantity = UInt256.ParseQuantity(quantity);
        var fromDecimal = UInt256.Parse(decimalText);

        Assert.Equal(fromDecimal, fromQuantity);
        Assert.Equal(quantity, fromDecimal.ToQuantityString());
        Assert.Equal(decimalText, fromQuantity.ToString());
    }

    [Theory]
    [InlineData("0x")] // no digits
    [InlineData("0x0400")] // leading zero
    [InlineData("0x00")]
    [InlineData("ff")] // no prefix
    [InlineData("0X1")] // uppercase prefix
    [InlineData("0x1g")]
    [InlineData(" 0x1")]
    [InlineData("0x10000000000000000000000000000000000000000000000000000000000000000")] // 65 digits
    [InlineData("")]
    public void Invalid_quantities_are_rejected(string text)
    {
        Assert.False(UInt256.TryParseQuantity(text, out _));
        Assert.Throws<FormatException>(() => UInt256.ParseQuantity(text));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("01")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639936")] // 2^256
    public void Invalid_decimals_are_rejected(string text) => Assert.False(UInt256.TryParse(text, out _));

    [Fact]
    public void Range_is_enforced_for_big_integers_and_arithmetic()
    {
        Assert.Throws<OverflowException>(() => UInt256.FromBigInteger(BigInteger.MinusOne));
        Assert.Throws<OverflowException>(() => UInt256.FromBigInteger(BigInteger.One << 256));
        Assert.Throws<OverflowException>(() => UInt256.MaxValue + UInt256.One);
        Assert.Throws<OverflowException>(() => UInt256.Zero - UInt256.One);
        Assert.Throws<OverflowException>(() => (ulong)UInt256.FromBigInteger(BigInteger.One << 64));
        Assert.Equal(UInt256.MaxValue, UInt256.MaxValue - UInt256.Zero);
        Assert.Equal((UInt256)6UL, (UInt256)2UL * 3UL);
    }

    [Fact]
    public void Byte_forms_are_minimal_or_32_bytes()
    {
        Assert.Empty(UInt256.Zero.ToBigEndianMinimal());
        Assert.Equal([0x01, 0x00], ((UInt256)256UL).ToBigEndianMinimal());
        var fixedWidth = ((UInt256)256UL).ToBigEndian32();
        Assert.Equal(32, fixedWidth.Length);
        Assert.Equal(0x01, fixedWidth[30]);
        Assert.Equal((UInt256)256UL, UInt256.FromBigEndian(fixedWidth));
        Assert.Throws<OverflowException>(() => UInt256.FromBigEndian(new byte[33]));
    }
}
