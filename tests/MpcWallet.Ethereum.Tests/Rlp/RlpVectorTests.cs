using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using MpcWallet.Ethereum.Rlp;
using MpcWallet.Ethereum.Tests.TestSupport;

namespace MpcWallet.Ethereum.Tests.Rlp;

/// <summary>ethereum/tests RLPTests (see TestVectors/SOURCES.md).</summary>
public sealed class RlpVectorTests
{
    public static TheoryData<string> ValidNames() => Names("ethereum-tests/RLPTests/rlptest.json");

    public static TheoryData<string> InvalidNames() => Names("ethereum-tests/RLPTests/invalidRLPTest.json");

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Rlptest_json_vector_encodes_to_out_and_decodes_back(string name)
    {
        using var file = TestVectors.Load("ethereum-tests/RLPTests/rlptest.json");
        var vector = file.RootElement.GetProperty(name);
        var expected = TestVectors.Hex(vector.GetProperty("out").GetString()!);
        var item = ToItem(vector.GetProperty("in"));

        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(RlpEncoder.Encode(item)));

        var decoded = RlpDecoder.Decode(expected);
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(RlpEncoder.Encode(decoded)));
        AssertSameShape(item, decoded);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void InvalidRLPTest_json_vector_is_rejected_with_RlpException(string name)
    {
        using var file = TestVectors.Load("ethereum-tests/RLPTests/invalidRLPTest.json");
        var bytes = TestVectors.Hex(file.RootElement.GetProperty(name).GetProperty("out").GetString()!);

        Assert.Throws<RlpException>(() => RlpDecoder.Decode(bytes));
    }

    [Fact]
    public void RandomRLPTests_example_json_listsoflists2_decodes_and_reencodes()
    {
        using var file = TestVectors.Load("ethereum-tests/RLPTests/RandomRLPTests.example.json");
        var bytes = TestVectors.Hex(file.RootElement.GetProperty("listsoflists2").GetProperty("out").GetString()!);

        var item = RlpDecoder.Decode(bytes);

        Assert.Equal(bytes, RlpEncoder.Encode(item));
        Assert.True(item.IsList);
    }

    private static TheoryData<string> Names(string file)
    {
        using var document = TestVectors.Load(file);
        var data = new TheoryData<string>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            data.Add(property.Name);
        }

        return data;
    }

    /// <summary>"in": a string (text, or "#123" for a big integer), an integer, or a list of those.</summary>
    private static RlpItem ToItem(JsonElement input) => input.ValueKind switch
    {
        JsonValueKind.Array => RlpItem.FromList(input.EnumerateArray().Select(ToItem)),
        JsonValueKind.Number => Integer(input.GetRawText()),
        JsonValueKind.String when input.GetString()!.StartsWith('#') => Integer(input.GetString()![1..]),
        JsonValueKind.String => RlpItem.FromBytes(Encoding.Latin1.GetBytes(input.GetString()!)),
        _ => throw new InvalidOperationException("Unexpected vector input " + input.ValueKind),
    };

    /// <summary>RLP integers are unbounded (the "bigint" vector is 2^256), so this goes through bytes, not UInt256.</summary>
    private static RlpItem Integer(string decimalText)
    {
        var value = BigInteger.Parse(decimalText, CultureInfo.InvariantCulture);
        return value.IsZero ? RlpItem.FromBytes([]) : RlpItem.FromBytes(value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    private static void AssertSameShape(RlpItem expected, RlpItem actual)
    {
        Assert.Equal(expected.IsList, actual.IsList);
        if (!expected.IsList)
        {
            Assert.Equal(expected.Bytes.ToArray(), actual.Bytes.ToArray());
            return;
        }

        Assert.Equal(expected.Items.Count, actual.Items.Count);
        for (var i = 0; i < expected.Items.Count; i++)
        {
            AssertSameShape(expected.Items[i], actual.Items[i]);
        }
    }
}
