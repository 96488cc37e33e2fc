using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rlp;

namespace MpcWallet.Ethereum.Tests.Rlp;

/// <summary>The exact facts of design note B3 (RLP) and the decoder's canonical-form and limit rules.</summary>
public sealed class RlpCanonicalFormTests
{
    [Theory]
    [InlineData(0UL, "80")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8180")]
    [InlineData(1000UL, "8203e8")]
    public void Integers_encode_big_endian_without_leading_zeros_and_zero_as_the_empty_string(ulong value, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(RlpEncoder.EncodeInteger(value)));

    [Fact]
    public void Two_to_the_256_minus_one_is_a_33_byte_item_and_byte_00_differs_from_integer_0()
    {
        Assert.Equal("a0" + new string('f', 64), Convert.ToHexStringLower(RlpEncoder.EncodeInteger(UInt256.MaxValue)));
        Assert.Equal("00", Convert.ToHexStringLower(RlpEncoder.EncodeBytes([0x00])));
        Assert.Equal("8180", Convert.ToHexStringLower(RlpEncoder.EncodeBytes([0x80])));
    }

    [Theory]
    [InlineData(55, "b7")]
    [InlineData(56, "b838")]
    [InlineData(1024, "b90400")]
    public void String_length_boundaries(int length, string expectedHeader) =>
        Assert.StartsWith(expectedHeader, Convert.ToHexStringLower(RlpEncoder.EncodeBytes(new byte[length])), StringComparison.Ordinal);

    [Theory]
    [InlineData("8100")] // single byte < 0x80 wrapped
    [InlineData("817f")]
    [InlineData("b800")] // long form for length 0
    [InlineData("b837" + "00")] // long form for length 55 (and truncated)
    [InlineData("b90038")] // length with a leading zero
    [InlineData("c1")] // list runs past the end
    [InlineData("8001")] // trailing byte
    [InlineData("")] // nothing
    [InlineData("f800")] // long list form for length 0
    [InlineData("c280")] // list payload claims 2 bytes, has 1
    [InlineData("c2820102")] // inner string runs past its list
    public void Non_canonical_or_truncated_input_is_rejected(string hex) =>
        Assert.Throws<RlpException>(() => RlpDecoder.Decode(Convert.FromHexString(hex)));

    [Fact]
    public void Canonical_integer_reader_rejects_leading_zero_and_oversized_integers()
    {
        Assert.Throws<RlpException>(() => RlpDecoder.Decode(Convert.FromHexString("820001")).AsUInt256("x"));
        Assert.Throws<RlpException>(() => RlpDecoder.Decode(Convert.FromHexString("a1" + "01" + new string('0', 64))).AsUInt256("x"));
        Assert.Throws<RlpException>(() => RlpDecoder.Decode(Convert.FromHexString("89010000000000000000")).AsUInt64("x"));
        Assert.Equal(ulong.MaxValue, RlpDecoder.Decode(Convert.FromHexString("88ffffffffffffffff")).AsUInt64("x"));
        Assert.Equal(0UL, RlpDecoder.Decode(Convert.FromHexString("80")).AsUInt64("x"));
    }

    [Fact]
    public void Depth_limit_applies_to_nested_lists()
    {
        var nested = RlpItem.FromList([]);
        for (var i = 0; i < 10; i++)
        {
            nested = RlpItem.FromList([nested]);
        }

        var encoded = RlpEncoder.Encode(nested);

        Assert.True(RlpDecoder.Decode(encoded, new RlpLimits { MaxDepth = 11 }).IsList);
        Assert.Throws<RlpException>(() => RlpDecoder.Decode(encoded, new RlpLimits { MaxDepth = 10 }));
    }

    [Fact]
    public void Input_length_limit_applies_before_decoding()
    {
        var encoded = RlpEncoder.EncodeBytes(new byte[100]);

        Assert.Throws<RlpException>(() => RlpDecoder.Decode(encoded, new RlpLimits { MaxInputLength = 100 }));
        Assert.Equal(100, RlpDecoder.Decode(encoded, new RlpLimits { MaxInputLength = 102 }).Bytes.Length);
    }

    [Fact]
    public void Lists_nested_a_thousand_deep_are_refused_by_the_default_limit()
    {
        var nested = RlpItem.FromList([]);
        for (var i = 0; i < 1000; i++)
        {
            nested = RlpItem.FromList([nested]);
        }

        var exception = Assert.Throws<RlpException>(() => RlpDecoder.Decode(RlpEncoder.Encode(nested)));
        Assert.Contains("deeper", exception.Message, StringComparison.Ordinal);
    }
}
