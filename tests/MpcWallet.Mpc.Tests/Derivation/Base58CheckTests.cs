using MpcWallet.Mpc.Derivation;

namespace MpcWallet.Mpc.Tests.Derivation;

public sealed class Base58CheckTests
{
    [Theory]
    [InlineData("000000000000000000000000000000000000000000", "1111111111111111111114oLvT2")]
    [InlineData("00f54a5851e9372b87810a8e60cdd2e7cfd80b6e31", "1PMycacnJaSqwwJqjawXBErnLsZ7RkXUAs")]
    [InlineData("", "3QJmnh")]
    public void Known_encodings(string payloadHex, string text)
    {
        Assert.Equal(text, Base58Check.Encode(Convert.FromHexString(payloadHex)));
        Assert.Equal(Convert.FromHexString(payloadHex), Base58Check.Decode(text));
    }

    [Fact]
    public void Random_payloads_with_leading_zeros_round_trip()
    {
        var random = new Random(5);
        for (var n = 0; n < 500; n++)
        {
            var payload = new byte[random.Next(0, 90)];
            random.NextBytes(payload);
            payload.AsSpan(0, Math.Min(payload.Length, random.Next(0, 4))).Clear();
            Assert.Equal(payload, Base58Check.Decode(Base58Check.Encode(payload)));
        }
    }

    [Theory]
    [InlineData("1PMycacnJaSqwwJqjawXBErnLsZ7RkXUAt")]
    [InlineData("1PMycacnJaSqwwJqjawXBErnLsZ7RkXUA")]
    [InlineData("0PMycacnJaSqwwJqjawXBErnLsZ7RkXUAs")]
    [InlineData("OPMycacnJaSqwwJqjawXBErnLsZ7RkXUAs")]
    [InlineData("IPMycacnJaSqwwJqjawXBErnLsZ7RkXUAs")]
    [InlineData("lPMycacnJaSqwwJqjawXBErnLsZ7RkXUAs")]
    [InlineData("1PMycacnJaSqwwJqjawXBErnLsZ7RkXUA\u00e9")]
    [InlineData("")]
    [InlineData("1")]
    public void Corrupted_or_invalid_text_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => Base58Check.Decode(text));
    }

    [Fact]
    public void Overlong_text_is_refused_before_any_conversion()
    {
        Assert.Throws<FormatException>(() => Base58Check.Decode(new string('2', Base58Check.MaxEncodedLength + 1)));
    }
}
