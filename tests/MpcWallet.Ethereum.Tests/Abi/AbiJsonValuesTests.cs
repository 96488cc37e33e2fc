using System.Numerics;
using System.Text.Json;
using MpcWallet.Ethereum.Abi;

namespace MpcWallet.Ethereum.Tests.Abi;

public sealed class AbiJsonValuesTests
{
    [Theory]
    [InlineData("uint256", "1")]
    [InlineData("uint256", "\"115792089237316195423570985008687907853269984665640564039457584007913129639935\"")]
    [InlineData("uint256", "\"0xff\"")]
    [InlineData("uint256", "\"0x00000000000000000000000000000000000000000000000000000000000000ff\"")]
    [InlineData("int8", "\"-128\"")]
    [InlineData("int8", "-1")]
    [InlineData("bool", "true")]
    [InlineData("bytes2", "\"0xabcd\"")]
    [InlineData("bytes", "\"0x\"")]
    [InlineData("(uint8 a,bool b)", "{\"a\": 1, \"b\": false}")]
    [InlineData("(uint8 a,bool b)", "[1, false]")]
    [InlineData("uint8[2]", "[1, 2]")]
    public void Valid_json_values_are_read(string type, string json) =>
        Assert.NotNull(AbiJsonValues.FromJson(AbiType.Parse(type), JsonDocument.Parse(json).RootElement));

    [Theory]
    [InlineData("uint256", "1.5")]
    [InlineData("uint256", "1e3")]
    [InlineData("uint256", "\"1e3\"")]
    [InlineData("uint256", "\"-1\"")]
    [InlineData("uint256", "-1")]
    [InlineData("uint256", "\"01\"")]
    [InlineData("uint256", "\" 1\"")]
    [InlineData("uint256", "\"0x\"")]
    [InlineData("uint256", "\"0x1g\"")]
    [InlineData("uint256", "\"115792089237316195423570985008687907853269984665640564039457584007913129639936\"")]
    [InlineData("uint256", "true")]
    [InlineData("uint8", "256")]
    [InlineData("int8", "\"-129\"")]
    [InlineData("bool", "\"true\"")]
    [InlineData("bool", "1")]
    [InlineData("address", "\"0x70997970C51812DC3a010c7d01b50e0d17dc79c8\"")]
    [InlineData("address", "\"70997970c51812dc3a010c7d01b50e0d17dc79c8\"")]
    [InlineData("bytes2", "\"0xab\"")]
    [InlineData("bytes", "\"0xabc\"")]
    [InlineData("bytes", "\"abcd\"")]
    [InlineData("string", "5")]
    [InlineData("uint8[2]", "[1]")]
    [InlineData("uint8[]", "{}")]
    [InlineData("(uint8 a,bool b)", "{\"a\": 1}")]
    [InlineData("(uint8 a,bool b)", "{\"a\": 1, \"b\": true, \"c\": 2}")]
    [InlineData("(uint8,bool)", "{\"a\": 1, \"b\": true}")]
    public void Invalid_json_values_are_refused(string type, string json) =>
        Assert.Throws<AbiException>(() => AbiJsonValues.FromJson(AbiType.Parse(type), JsonDocument.Parse(json).RootElement));

    [Fact]
    public void Written_values_keep_big_integers_exact_and_name_tuple_components()
    {
        var type = AbiType.Parse("(uint256 amount,address to,bytes data,int8[] deltas)");
        var value = new object[] { BigInteger.Pow(2, 200), MpcWallet.Ethereum.Addresses.EthereumAddress.Parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"), new byte[] { 1, 2 }, new object[] { BigInteger.MinusOne } };
        Assert.Equal(
            """{"amount":"1606938044258990275541962092341162602522202993782792835301376","to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","data":"0x0102","deltas":["-1"]}""",
            AbiJsonValues.ToJson(type, value).ToJsonString());
    }
}
