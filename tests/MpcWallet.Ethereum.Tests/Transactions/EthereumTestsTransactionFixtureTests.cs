using System.Text.Json;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Tests.TestSupport;
using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Tests.Transactions;

/// <summary>
/// ethereum/tests TransactionTests (every tt* folder; see TestVectors/SOURCES.md). For the newest fork in each
/// fixture: a valid transaction must decode with the fixture's hash and sender; an exception that is about the
/// encoding or the signature must be a TransactionDecodingException; exceptions that are about state or chain rules
/// a decoder cannot know (intrinsic gas, gas × price overflow, init-code size, nonce 2^64−1) must still decode,
/// canonically. INVALID_CHAINID means "not chain 1": it must be rejected or decode to another chain id.
/// </summary>
public sealed class EthereumTestsTransactionFixtureTests
{
    private const string Folder = "ethereum-tests/TransactionTests";

    private static readonly string[] ForkOrder =
        ["Frontier", "Homestead", "EIP150", "EIP158", "Byzantium", "Constantinople", "ConstantinopleFix", "Istanbul", "Berlin", "London", "Paris", "Shanghai", "Cancun", "Prague"];

    private static readonly HashSet<string> NotDecoderConcerns =
    [
        "TransactionException.INTRINSIC_GAS_TOO_LOW",
        "TransactionException.GASLIMIT_PRICE_PRODUCT_OVERFLOW",
        "TransactionException.INITCODE_SIZE_EXCEEDED",
        "TransactionException.NONCE_TOO_BIG",
    ];

    public static TheoryData<string> Fixtures()
    {
        var root = TestVectors.PathOf(Folder);
        var data = new TheoryData<string>();
        foreach (var file in TestVectors.Files(Folder))
        {
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void All_fixture_folders_are_present()
    {
        Assert.True(Fixtures().Count >= 200, "expected the full TransactionTests set");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_result_for_the_newest_fork_holds(string fixture)
    {
        using var file = TestVectors.Load(Folder + "/" + fixture);
        foreach (var test in file.RootElement.EnumerateObject())
        {
            var raw = TestVectors.Hex(test.Value.GetProperty("txbytes").GetString()!);
            var result = NewestForkResult(test.Value.GetProperty("result"));
            if (result.TryGetProperty("hash", out var hash))
            {
                var decoded = TransactionDecoder.Decode(raw);
                Assert.Equal(hash.GetString(), decoded.HashHex);
                Assert.Equal(result.GetProperty("sender").GetString(), decoded.Sender.ToLowerHex());
                Assert.Equal(raw, decoded.Transaction.Sign(decoded.Signature).RawBytes.ToArray());
                continue;
            }

            var exception = result.GetProperty("exception").GetString()!;
            if (NotDecoderConcerns.Contains(exception))
            {
                var decoded = TransactionDecoder.Decode(raw);
                Assert.Equal(raw, decoded.Transaction.Sign(decoded.Signature).RawBytes.ToArray());
            }
            else if (exception == "TransactionException.INVALID_CHAINID")
            {
                try
                {
                    Assert.NotEqual(1UL, TransactionDecoder.Decode(raw).Transaction.ChainId);
                }
                catch (TransactionDecodingException)
                {
                    // rejected outright: also fine
                }
            }
            else
            {
                var error = Assert.Throws<TransactionDecodingException>(() => TransactionDecoder.Decode(raw));
                Assert.False(string.IsNullOrEmpty(error.Message), $"{test.Name}: {exception}");
            }
        }
    }

    private static JsonElement NewestForkResult(JsonElement results)
    {
        foreach (var fork in ForkOrder.Reverse())
        {
            if (results.TryGetProperty(fork, out var result))
            {
                return result;
            }
        }

        throw new InvalidOperationException("No known fork in the fixture.");
    }
}
