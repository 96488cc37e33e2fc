using System.Security.Cryptography;
using System.Text;
using MpcWallet.Ethereum.Hashing;
using MpcWallet.Ethereum.Tests.TestSupport;

namespace MpcWallet.Ethereum.Tests.Hashing;

public sealed class Keccak256Tests
{
    [Fact]
    public void Empty_input_gives_the_keccak_value_not_the_sha3_value()
    {
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Convert.ToHexStringLower(Keccak256.Hash([])));
        if (SHA3_256.IsSupported)
        {
            Assert.NotEqual(Convert.ToHexStringLower(SHA3_256.HashData([])), Convert.ToHexStringLower(Keccak256.Hash([])));
        }
    }

    [Fact]
    public void Cast_keccak_vectors_match()
    {
        using var file = TestVectors.Load("cast/cast-vectors.json");
        foreach (var vector in file.RootElement.GetProperty("keccak").EnumerateArray())
        {
            var input = vector.GetProperty("input").GetString()!;
            var bytes = input.StartsWith("0x", StringComparison.Ordinal) ? TestVectors.Hex(input) : Encoding.UTF8.GetBytes(input);
            Assert.Equal(vector.GetProperty("hash").GetString(), "0x" + Convert.ToHexStringLower(Keccak256.Hash(bytes)));
        }
    }

    [Fact]
    public void Concatenation_hash_equals_hash_of_concatenation()
    {
        byte[] a = [1, 2, 3];
        byte[] b = [4, 5];
        Assert.Equal(Keccak256.Hash([1, 2, 3, 4, 5]), Keccak256.HashConcatenation(a, b));
    }
}
