using System.Text.Json;
using MpcWallet.Ethereum.Messages;

namespace MpcWallet.Ethereum.Tests.Messages;

/// <summary>Malformed typed data gets a TypedDataException that says what is wrong.</summary>
public sealed class TypedDataValidationTests
{
    private const string Valid = """
        {
          "types": {
            "EIP712Domain": [{"name":"name","type":"string"},{"name":"chainId","type":"uint256"}],
            "Item": [{"name":"id","type":"uint8"},{"name":"tag","type":"bytes4"},{"name":"owner","type":"address"},{"name":"flags","type":"bool[2]"},{"name":"delta","type":"int16"}]
          },
          "primaryType": "Item",
          "domain": {"name":"Test","chainId":1},
          "message": {"id":7,"tag":"0x01020304","owner":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","flags":[true,false],"delta":-32768}
        }
        """;

    [Fact]
    public void The_valid_document_hashes()
    {
        Assert.Equal(32, TypedData.Parse(Valid).Hash().Length);
    }

    [Theory]
    [InlineData("\"id\":7", "\"id\":256", "out of range")]
    [InlineData("\"id\":7", "\"id\":-1", "out of range")]
    [InlineData("\"id\":7", "\"id\":7.5", "integer")]
    [InlineData("\"id\":7", "\"id\":\"seven\"", "integer")]
    [InlineData("\"delta\":-32768", "\"delta\":-32769", "out of range")]
    [InlineData("\"tag\":\"0x01020304\"", "\"tag\":\"0x010203\"", "exactly 4 bytes")]
    [InlineData("\"tag\":\"0x01020304\"", "\"tag\":\"0x0102030\"", "hex")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "EIP-55")]
    [InlineData("\"flags\":[true,false]", "\"flags\":[true]", "exactly 2 elements")]
    [InlineData("\"flags\":[true,false]", "\"flags\":[1,0]", "true or false")]
    [InlineData("\"flags\":[true,false]", "\"flags\":true", "expected an array")]
    [InlineData("\"id\":7,", "", "missing")]
    [InlineData("\"type\":\"uint8\"", "\"type\":\"uint7\"", "neither an EIP-712 atomic type nor a defined struct")]
    [InlineData("\"type\":\"uint8\"", "\"type\":\"Missing\"", "neither an EIP-712 atomic type nor a defined struct")]
    [InlineData("\"primaryType\": \"Item\"", "\"primaryType\": \"Nope\"", "primary type")]
    [InlineData("{\"name\":\"Test\",\"chainId\":1}", "{\"name\":\"Test\",\"chainId\":1,\"version\":\"1\"}", "does not declare")]
    [InlineData("{\"name\":\"name\",\"type\":\"string\"}", "{\"name\":\"name\",\"type\":\"bytes32\"}", "may only declare")]
    [InlineData("\"EIP712Domain\"", "\"Domain\"", "EIP712Domain")]
    [InlineData("\"message\":", "\"msg\":", "needs 'message'")]
    [InlineData("{\"name\":\"id\",\"type\":\"uint8\"}", "{\"name\":\"id\",\"type\":\"uint8\"},{\"name\":\"id\",\"type\":\"uint8\"}", "appears twice")]
    [InlineData("\"Item\": [", "\"It em\": [", "not a valid struct type name")]
    public void Malformed_typed_data_is_rejected_with_a_clear_message(string find, string replace, string expectedFragment)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        var json = Valid.Replace(find, replace, StringComparison.Ordinal);

        var error = Assert.Throws<TypedDataException>(() => TypedData.Parse(json));

        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"types\":[],\"primaryType\":\"A\",\"domain\":{},\"message\":{}}")]
    public void Non_objects_and_broken_json_are_TypedDataException(string json) =>
        Assert.Throws<TypedDataException>(() => TypedData.Parse(json));

    [Fact]
    public void Extra_message_properties_are_ignored_as_in_MetaMask_and_ethers()
    {
        var extra = Valid.Replace("\"id\":7,", "\"id\":7,\"unused\":\"x\",", StringComparison.Ordinal);

        Assert.Equal(TypedData.Parse(Valid).Hash(), TypedData.Parse(extra).Hash());
    }

    [Fact]
    public void Integer_forms_number_decimal_string_and_hex_string_encode_alike()
    {
        var asString = Valid.Replace("\"id\":7", "\"id\":\"7\"", StringComparison.Ordinal);
        var asHex = Valid.Replace("\"id\":7", "\"id\":\"0x07\"", StringComparison.Ordinal);

        Assert.Equal(TypedData.Parse(Valid).Hash(), TypedData.Parse(asString).Hash());
        Assert.Equal(TypedData.Parse(Valid).Hash(), TypedData.Parse(asHex).Hash());
    }

    [Fact]
    public void Primary_type_EIP712Domain_hashes_the_domain_only()
    {
        var typedData = TypedData.Parse(Valid.Replace("\"primaryType\": \"Item\"", "\"primaryType\": \"EIP712Domain\"", StringComparison.Ordinal));

        var expected = MpcWallet.Ethereum.Hashing.Keccak256.HashConcatenation([0x19, 0x01], typedData.DomainSeparator());
        Assert.Equal(expected, typedData.Hash());
    }
}
