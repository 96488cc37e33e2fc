using System.Text.Json;
using System.Text.Json.Nodes;
using MpcWallet.Ethereum.Abi;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Tests.TestSupport;

namespace MpcWallet.Ethereum.Tests.Abi;

/// <summary>
/// The examples of the Solidity ABI specification and the cast-generated vectors: selectors, encodings byte for byte,
/// and strict decoding back to the same values.
/// </summary>
public sealed class AbiVectorTests
{
    public static TheoryData<string> SpecExamples() => Names("solidity/abi-spec-examples.json", "name");

    public static TheoryData<string> CastCases() => Names("cast/abi-vectors.json", "signature");

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public void The_specification_examples_encode_and_decode_byte_for_byte(string name)
    {
        var vector = Case("solidity/abi-spec-examples.json", "name", name);
        var function = AbiFunction.Parse(vector.GetProperty("declared").GetString()!);

        Assert.Equal(vector.GetProperty("signature").GetString(), function.Signature);
        Assert.Equal(vector.GetProperty("selector").GetString(), function.SelectorHex);
        var calldata = vector.GetProperty("calldata").GetString()!;
        Assert.Equal(calldata, HexBytes.ToHex(function.EncodeCallFromJson(vector.GetProperty("args"))));
        AssertSameValues(function.Inputs, vector.GetProperty("args"), function.DecodeCall(HexBytes.Parse(calldata)));

        if (vector.TryGetProperty("returns", out var returns))
        {
            var output = HexBytes.Parse(returns.GetProperty("data").GetString()!);
            AssertSameValues(function.Outputs, returns.GetProperty("values"), function.DecodeOutput(output));
            Assert.Equal(output, AbiEncoder.Encode(function.Outputs, AbiJsonValues.FromJson(function.Outputs, returns.GetProperty("values"))));
        }
    }

    [Theory]
    [MemberData(nameof(CastCases))]
    public void Casts_encodings_are_reproduced_and_decoded(string signature)
    {
        var vector = Case("cast/abi-vectors.json", "signature", signature);
        var function = AbiFunction.Parse(signature);
        var output = HexBytes.Parse(vector.GetProperty("output").GetString()!);
        var args = vector.GetProperty("args");

        if (vector.GetProperty("mode").GetString() == "calldata")
        {
            Assert.Equal(output, function.EncodeCallFromJson(args));
            AssertSameValues(function.Inputs, args, function.DecodeCall(output));
        }
        else
        {
            Assert.Equal(output, AbiEncoder.Encode(function.Inputs, AbiJsonValues.FromJson(function.Inputs, args)));
            AssertSameValues(function.Inputs, args, AbiDecoder.Decode(function.Inputs, output));
        }
    }

    [Fact]
    public void Well_known_selectors_match()
    {
        Assert.Equal("0xa9059cbb", AbiFunction.Parse("transfer(address,uint256)").SelectorHex);
        Assert.Equal("0x70a08231", AbiFunction.Parse("function balanceOf(address owner) external view returns (uint256)").SelectorHex);
        Assert.Equal("0x23b872dd", AbiFunction.Parse("transferFrom(address,address,uint256)").SelectorHex);
        Assert.Equal("0x095ea7b3", AbiFunction.Parse("approve(address,uint256)").SelectorHex);
        Assert.Equal("0x08c379a0", AbiError.ErrorString.SelectorHex);
        Assert.Equal("0x4e487b71", AbiError.Panic.SelectorHex);
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", AbiEvent.Parse("event Transfer(address indexed from, address indexed to, uint256 value)").TopicHex);
    }

    /// <summary>Compares decoded values with the vector's JSON arguments after both pass through the same JSON form.</summary>
    private static void AssertSameValues(IReadOnlyList<AbiParameter> parameters, JsonElement expected, IReadOnlyList<object> decoded)
    {
        var expectedJson = AbiJsonValues.ToJson(parameters, AbiJsonValues.FromJson(parameters, expected));
        var actualJson = AbiJsonValues.ToJson(parameters, decoded);
        Assert.True(JsonNode.DeepEquals(expectedJson, actualJson), $"expected {expectedJson.ToJsonString()}, decoded {actualJson.ToJsonString()}");
    }

    private static TheoryData<string> Names(string file, string key)
    {
        using var document = TestVectors.Load(file);
        var data = new TheoryData<string>();
        foreach (var vector in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(vector.GetProperty(key).GetString()!);
        }

        return data;
    }

    private static JsonElement Case(string file, string key, string value)
    {
        using var document = TestVectors.Load(file);
        return document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty(key).GetString() == value).Clone();
    }
}
