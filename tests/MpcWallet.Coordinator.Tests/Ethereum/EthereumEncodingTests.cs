using System.Text;
using MpcWallet.Coordinator.Ethereum;

namespace MpcWallet.Coordinator.Tests.Ethereum;

/// <summary>Known answers from the EIPs and widely published vectors.</summary>
public sealed class EthereumEncodingTests
{
    [Fact]
    public void Keccak256_of_the_empty_string_is_the_ethereum_constant_not_sha3()
    {
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Convert.ToHexStringLower(Keccak.Hash256([])));
    }

    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void Eip55_checksums_match_the_eip_examples(string expected)
    {
        Assert.Equal(expected, EthereumAddress.Checksummed(expected[2..].ToLowerInvariant()));
    }

    [Fact]
    public void The_address_of_private_key_one_is_the_well_known_one()
    {
        // Public key of private key 1 is the generator G.
        var generator = Convert.FromHexString("0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798");
        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", EthereumAddress.FromPublicKey(generator));
    }

    [Fact]
    public void Personal_message_hash_follows_eip191()
    {
        // ethers.js hashMessage("Hello World").
        Assert.Equal("a1de988600a42c4b4ab089b619297c17d53cffae5d5120d82d8a92d0bb3b78f2", Convert.ToHexStringLower(PersonalMessage.Hash(Encoding.UTF8.GetBytes("Hello World"))));
    }
}
