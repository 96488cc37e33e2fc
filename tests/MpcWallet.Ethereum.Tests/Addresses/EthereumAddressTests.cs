using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Tests.TestSupport;

namespace MpcWallet.Ethereum.Tests.Addresses;

public sealed class EthereumAddressTests
{
    public static TheoryData<string> Erc55Vectors()
    {
        using var file = TestVectors.Load("eips/erc-55-checksums.json");
        var data = new TheoryData<string>();
        foreach (var name in new[] { "checksummed", "allCapsAndAllLowerExamples" })
        {
            foreach (var address in file.RootElement.GetProperty(name).EnumerateArray())
            {
                data.Add(address.GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Erc55Vectors))]
    public void ERC_55_test_case_is_its_own_checksum_form_and_parses_in_any_case(string vector)
    {
        var lower = "0x" + vector[2..].ToLowerInvariant();
        var upper = "0x" + vector[2..].ToUpperInvariant();

        Assert.Equal(vector, EthereumAddress.Parse(lower).ToChecksumString());
        Assert.Equal(vector, EthereumAddress.Parse(upper).ToChecksumString());
        Assert.Equal(vector, EthereumAddress.Parse(vector).ToChecksumString());
    }

    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")] // last letter's case flipped
    [InlineData("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    public void Mixed_case_with_a_wrong_checksum_is_rejected(string text)
    {
        Assert.False(EthereumAddress.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => EthereumAddress.Parse(text));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")] // no 0x
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae")] // 39 digits
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")]
    [InlineData("")]
    public void Malformed_text_is_rejected(string text) => Assert.False(EthereumAddress.TryParse(text, out _));

    [Fact]
    public void Private_key_1_gives_the_known_address_from_compressed_and_uncompressed_keys()
    {
        var key = new byte[32];
        key[31] = 1;
        var signer = new TestKey(key);
        var compressed = new byte[33];
        compressed[0] = (byte)(0x02 + (signer.PublicKey[64] & 1));
        signer.PublicKey.AsSpan(1, 32).CopyTo(compressed.AsSpan(1));

        Assert.Equal("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf", EthereumAddress.FromPublicKey(signer.PublicKey).ToLowerHex());
        Assert.Equal("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf", EthereumAddress.FromPublicKey(compressed).ToLowerHex());
    }

    [Fact]
    public void Anvil_dev_key_0_gives_the_address_cast_reports()
    {
        using var file = TestVectors.Load("cast/cast-vectors.json");
        var source = file.RootElement.GetProperty("source");
        var signer = TestKey.FromHex(source.GetProperty("privateKey").GetString()!);

        Assert.Equal(source.GetProperty("address").GetString(), EthereumAddress.FromPublicKey(signer.PublicKey).ToChecksumString());
    }

    [Fact]
    public void Invalid_public_keys_are_rejected()
    {
        var offCurve = new byte[65];
        offCurve[0] = 0x04;
        offCurve[64] = 1;
        var badPrefix = new byte[33];
        badPrefix[0] = 0x05;
        var xTooBig = new byte[33];
        xTooBig[0] = 0x02;
        xTooBig.AsSpan(1).Fill(0xff);

        Assert.Throws<ArgumentException>(() => EthereumAddress.FromPublicKey(offCurve));
        Assert.Throws<ArgumentException>(() => EthereumAddress.FromPublicKey(badPrefix));
        Assert.Throws<ArgumentException>(() => EthereumAddress.FromPublicKey(xTooBig));
        Assert.Throws<ArgumentException>(() => EthereumAddress.FromPublicKey(new byte[64]));
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var a = EthereumAddress.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        var b = EthereumAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, EthereumAddress.Zero);
    }
}
